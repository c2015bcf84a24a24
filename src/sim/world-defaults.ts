/**
 * Defaults of optional world-file fields. The schema's `default` annotations and docs/sim-world.md
 * quote these values.
 */
export const WORLD_DEFAULTS = {
  latencyMs: 0,
  defaultSystemPrompt: "Think step by step. Then end your response with a final line 'Answer: <value>'.",
  promptAgent: {
    keepRate: 0.8,
    diagnosisAccuracy: 0.45,
    explorationRate: 0.3,
    leakRate: 0.3,
    fillerSentences: 2,
    adviceRate: 0.9,
    combineRate: 0.5,
    generatorIncludeRate: 0.5,
    maxDiagnoses: 2,
    preamble: 'You are a helpful assistant.',
    agentPreamble: 'You improve the system prompts of other language-model agents.',
    fillers: [
      'Your work matters to the people who rely on it, so give it your full attention.',
      'Stay focused on what the user asked and keep a calm, professional tone throughout.',
      'Treat every request with the same care, whether it looks easy or hard at first sight.',
      'Aim for responses that a knowledgeable colleague would be happy to sign off on.',
      'Bring your full expertise to bear and do your best possible work on every single request.',
      'Remember that clarity and correctness are what make a response truly valuable to a reader.',
    ],
  },
  responses: { symptomRate: 0.9, misleadingRate: 0.2 },
  task: {
    pool: true,
    length: { freeTokens: 200, perToken: 0.004 },
    memorisation: { boost: 6, elsewhere: 0.1 },
    answerTemplate: 'Answer: {answer}',
    splits: { train: 40, val: 20, test: 100 },
  },
} as const;
