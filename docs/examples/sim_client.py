"""Evaluate a system prompt on sepo's simulated world from Python, with the standard library only.

Start the server first:   npx sepo serve-sim demo            (prints http://127.0.0.1:8400/v1)
Then:                     python3 docs/examples/sim_client.py [base_url] [task] [split] [limit]

It fetches the task's examples, asks the model for each one (one request per example, with the seed
`sepo eval` sends for sample 0), has the server score each response with sepo's own scorer, and prints the accuracy.
Results are on a SIMULATED world, not a real language model.
"""

import hashlib
import json
import sys
import urllib.parse
import urllib.request


def sample_seed(base_seed, sample):
    """The seed sepo's engine sends for a sample: the first 32 bits of sha256 of "[base_seed,sample]".

    The simulated world reads the seed as the sample's identity, so sending the same seed as sepo
    gives exactly the responses `sepo eval --model sim:<world> --seed <base_seed>` gets.
    """
    digest = hashlib.sha256(json.dumps([base_seed, sample], separators=(",", ":")).encode()).hexdigest()
    return int(digest[:8], 16)


def call(base, path, body=None):
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(
        base + path, data=data, headers={"content-type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def evaluate(base, task_id, system_prompt=None, split="test", limit=None):
    task = call(base, "/sim/tasks/" + urllib.parse.quote(task_id, safe=""))
    prompt = system_prompt if system_prompt is not None else task["default_system_prompt"]
    examples = task["splits"][split][:limit]
    model = call(base, "/models")["data"][0]["id"]
    correct = 0.0
    for example in examples:
        reply = call(base, "/chat/completions", {
            "model": model,
            "messages": [
                {"role": "system", "content": prompt},
                {"role": "user", "content": example["user_message"]},
            ],
            "seed": sample_seed(0, 0),
        })
        text = reply["choices"][0]["message"]["content"]
        verdict = call(base, "/sim/score", {
            "task": task["id"], "example_id": example["id"], "response": text,
        })
        correct += verdict["score"]
    return correct / len(examples), len(examples)


if __name__ == "__main__":
    base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8400/v1"
    task_id = sys.argv[2] if len(sys.argv) > 2 else "sim:demo"
    split = sys.argv[3] if len(sys.argv) > 3 else "test"
    limit = int(sys.argv[4]) if len(sys.argv) > 4 else None
    accuracy, n = evaluate(base, task_id, split=split, limit=limit)
    print(json.dumps({"task": task_id, "split": split, "n": n, "accuracy": accuracy, "simulated": True}))
