/**
 * The Python program the sandbox runs (`python3 -I -B -c RUNNER_SOURCE <config-json>`). It reads
 * `job.json` from the work dir, then (with namespaces) mounts a size-limited tmpfs over the work dir,
 * remounts every other mount read-only, forbids nested namespaces and drops all capabilities; sets
 * the rlimits (CPU, address space, processes, file size, open files, no core); optionally installs
 * an audit-hook guard (network, writes outside the work dir, other processes' /proc, fork/exec/kill,
 * ctypes); runs the program, the setup code and each test; and reports JSON lines on fd 3:
 * `ready`, `program`, `setup`, `test-start`, `test`, `cpu-limit`, `done`.
 * Contract: the user code runs with `__name__ == 'solution'` (so `if __name__ == '__main__':` blocks
 * do not run, as in the usual MBPP/HumanEval harnesses).
 */
export const RUNNER_SOURCE = String.raw`
import json, os, sys, resource, signal

_out = os.fdopen(3, 'w', buffering=1, encoding='utf-8')
os.set_inheritable(3, False)


def emit(event):
    try:
        _out.write(json.dumps(event) + '\n')
        _out.flush()
    except Exception:
        pass


def unescape_mount(path):
    return path.replace('\\040', ' ').replace('\\011', '\t').replace('\\012', '\n').replace('\\134', '\\')


def isolate(wd, tmpfs_bytes):
    import ctypes, errno
    libc = ctypes.CDLL(None, use_errno=True)
    libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]

    def mount(src, target, fstype, flags, data):
        if libc.mount(src, target.encode(), fstype, flags, data) != 0:
            err = ctypes.get_errno()
            raise OSError(err, 'mount %s: %s' % (target, os.strerror(err)))

    # A fresh, size-limited tmpfs as the work dir: nothing written there reaches the disk.
    mount(b'tmpfs', wd, b'tmpfs', 2 | 4, ('size=%d,mode=0700' % tmpfs_bytes).encode())
    # Every other mount read-only (keeping the flags the parent namespace locked).
    flag_map = ((2, 2), (4, 4), (8, 8), (1024, 1024), (2048, 2048), (4096, 1 << 21))
    with open('/proc/self/mountinfo') as f:
        points = [unescape_mount(line.split()[4]) for line in f]
    for mp in points:
        if mp == wd or mp in ('/dev', '/dev/pts') or mp == '/proc' or mp.startswith('/proc/'):
            continue
        try:
            st = os.statvfs(mp)
        except OSError:
            continue
        if st.f_flag & 1:
            continue
        flags = 32 | 4096 | 1
        for st_flag, ms_flag in flag_map:
            if st.f_flag & st_flag:
                flags |= ms_flag
        try:
            mount(b'none', mp, None, flags, None)
        except OSError as e:
            if e.errno not in (errno.ENOENT, errno.EACCES):
                raise
    # No nested namespaces, then drop every capability for good.
    for name in ('user', 'mnt', 'net', 'pid', 'ipc', 'uts', 'cgroup'):
        try:
            with open('/proc/sys/user/max_%s_namespaces' % name, 'w') as f:
                f.write('0')
        except OSError:
            pass
    libc.prctl(38, 1, 0, 0, 0)
    for cap in range(64):
        libc.prctl(24, cap, 0, 0, 0)
    libc.prctl(47, 4, 0, 0, 0)

    class Header(ctypes.Structure):
        _fields_ = [('version', ctypes.c_uint32), ('pid', ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [('effective', ctypes.c_uint32), ('permitted', ctypes.c_uint32), ('inheritable', ctypes.c_uint32)]

    header = Header(0x20080522, 0)
    data = (Data * 2)()
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), 'capset failed')


def set_limits(cfg):
    cpu = cfg['cpuSeconds']
    limits = (
        (resource.RLIMIT_CPU, (cpu, cpu + 1)),
        (resource.RLIMIT_AS, (cfg['memoryBytes'], cfg['memoryBytes'])),
        (resource.RLIMIT_NPROC, (cfg['maxProcesses'], cfg['maxProcesses'])),
        (resource.RLIMIT_FSIZE, (cfg['maxFileBytes'], cfg['maxFileBytes'])),
        (resource.RLIMIT_NOFILE, (cfg['maxOpenFiles'], cfg['maxOpenFiles'])),
        (resource.RLIMIT_CORE, (0, 0)),
    )
    for kind, value in limits:
        resource.setrlimit(kind, value)


BLOCKED = frozenset((
    'os.fork', 'os.forkpty', 'os.posix_spawn', 'os.spawn', 'os.exec', 'os.system', 'subprocess.Popen',
    'os.kill', 'os.killpg', 'signal.pthread_kill', 'resource.setrlimit', 'resource.prlimit',
    'ctypes.dlopen', 'ctypes.dlsym', 'ctypes.call_function', 'ctypes.cdata', 'ctypes.addressof',
    'socket.__new__', 'socket.connect', 'socket.bind', 'socket.sendto', 'socket.sendmsg',
    'socket.getaddrinfo', 'socket.gethostbyname', 'socket.gethostbyname_ex', 'socket.gethostbyaddr',
    'socket.getnameinfo', 'os.setuid', 'os.setgid',
))
PATH_EVENTS = frozenset((
    'os.remove', 'os.rmdir', 'os.rename', 'os.link', 'os.symlink', 'os.truncate', 'os.mkdir', 'os.chmod',
    'os.chown', 'os.utime', 'os.chflags', 'os.lchflags', 'os.mkfifo', 'os.mknod', 'shutil.rmtree',
))
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def install_guard(wd, patch_sockets):
    """Defence in depth (and the only barrier without namespaces): an audit hook that user code cannot remove."""
    realpath, join, fsdecode, readlink = os.path.realpath, os.path.join, os.fsdecode, os.readlink
    base = realpath(wd)
    own = str(os.getpid())
    state = {'busy': False}

    def resolve(path, dir_fd=None):
        path = fsdecode(path)
        if dir_fd is not None and not path.startswith('/'):
            path = join(readlink('/proc/self/fd/%d' % dir_fd), path)
        return realpath(path)

    def inside(path, dir_fd=None):
        if isinstance(path, int):
            return True
        p = resolve(path, dir_fd)
        return p == base or p.startswith(base + '/') or p == '/dev/null'

    def deny(event):
        raise PermissionError('sandbox: %s is not allowed' % event)

    def hook(event, args):
        if state['busy']:
            return
        if event in BLOCKED:
            deny(event)
        if event != 'open' and event not in PATH_EVENTS:
            return
        state['busy'] = True
        try:
            if event == 'open':
                path, mode, flags = args
                if isinstance(path, int) or path is None:
                    return
                writing = (mode is not None and any(c in mode for c in 'wax+')) or (flags & WRITE_FLAGS)
                if writing and not inside(path):
                    deny('writing %s' % fsdecode(path))
                p = resolve(path)
                if p.startswith('/proc/'):
                    part = p.split('/')[2]
                    if part.isdigit() and part != own:
                        deny('reading %s' % p)
            elif event in ('os.rename', 'os.link', 'os.symlink'):
                if not inside(args[0]) or not inside(args[1]):
                    deny(event)
            else:
                dir_fd = args[-1] if len(args) > 1 and isinstance(args[-1], int) else None
                if not inside(args[0], dir_fd):
                    deny(event)
        finally:
            state['busy'] = False

    sys.addaudithook(hook)
    if patch_sockets:
        import socket

        class NoSocket:
            def __init__(self, *args, **kwargs):
                deny('network access')

        def no_network(*args, **kwargs):
            deny('network access')

        socket.socket = NoSocket
        socket.SocketType = NoSocket
        for name in ('create_connection', 'create_server', 'socketpair', 'fromfd', 'getaddrinfo'):
            setattr(socket, name, no_network)
    for name in ('_posixsubprocess', 'ctypes', '_ctypes'):
        sys.modules[name] = None


def describe_error(exc, filename):
    import traceback
    message = '%s: %s' % (type(exc).__name__, exc) if str(exc) else type(exc).__name__
    line = None
    if isinstance(exc, SyntaxError) and exc.filename == filename:
        line = exc.lineno
    else:
        for frame in traceback.extract_tb(exc.__traceback__):
            if frame.filename == filename:
                line = frame.lineno
    return {'error': message[:2000], 'line': line}


def short_repr(value):
    try:
        text = repr(value)
    except BaseException as e:
        text = '<unrepresentable %s>' % type(e).__name__
    return text if len(text) <= 300 else text[:300] + '...'


def explain_assert(source, ns):
    """For assert a == b (any single comparison) the values of both sides; for assert x the value of x."""
    import ast
    try:
        node = ast.parse(source).body[0]
        if not isinstance(node, ast.Assert):
            return None
        test = node.test
        if isinstance(test, ast.Compare) and len(test.ops) == 1:
            left = eval(compile(ast.Expression(test.left), '<assert>', 'eval'), ns)
            right = eval(compile(ast.Expression(test.comparators[0]), '<assert>', 'eval'), ns)
            return {'got': short_repr(left), 'expected': short_repr(right)}
        return {'got': short_repr(eval(compile(ast.Expression(test), '<assert>', 'eval'), ns))}
    except BaseException:
        return None


def run_job(job):
    ns = {'__name__': 'solution', '__builtins__': __builtins__}
    for phase, source in (('program', job.get('program', '')), ('setup', job.get('setup', ''))):
        if phase == 'setup' and not source.strip():
            continue
        filename = 'solution.py' if phase == 'program' else '<setup>'
        try:
            exec(compile(source, filename, 'exec'), ns)
            emit({'e': phase, 'ok': True})
        except BaseException as exc:
            emit(dict({'e': phase, 'ok': False}, **describe_error(exc, filename)))
            return
    for index, test in enumerate(job.get('tests', [])):
        emit({'e': 'test-start', 'i': index})
        filename = '<test %d>' % (index + 1)
        try:
            exec(compile(test, filename, 'exec'), ns)
            emit({'e': 'test', 'i': index, 'ok': True})
        except AssertionError as exc:
            event = {'e': 'test', 'i': index, 'ok': False, 'kind': 'assert', 'error': str(exc)[:500]}
            explained = explain_assert(test, ns)
            if explained:
                event.update(explained)
            emit(event)
        except BaseException as exc:
            emit(dict({'e': 'test', 'i': index, 'ok': False, 'kind': 'error'}, **describe_error(exc, 'solution.py')))


def on_cpu_limit(signum, frame):
    emit({'e': 'cpu-limit'})
    os._exit(152)


def die_with_parent():
    # Killed when the process that started us dies (sepo crashing must not leave programs running).
    import ctypes
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)


def main():
    cfg = json.loads(sys.argv[1])
    wd = cfg['workdir']
    with open(os.path.join(wd, 'job.json'), encoding='utf-8') as f:
        job = json.load(f)
    if not cfg['isolate']:
        die_with_parent()
    if cfg['isolate']:
        isolate(wd, cfg['tmpfsBytes'])
    os.chdir(wd)
    set_limits(cfg)
    signal.signal(signal.SIGXCPU, on_cpu_limit)
    if cfg['guard']:
        install_guard(wd, not cfg['isolate'])
    emit({'e': 'ready'})
    run_job(job)
    emit({'e': 'done'})
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass
    os._exit(0)


main()
`;
