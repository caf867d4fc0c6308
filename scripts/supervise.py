"""A small process supervisor: start programs, restart the one that dies.

Usage::

    python scripts/supervise.py --log-dir var/zeo/log \\
        --program zeo="runzeo -C var/zeo-client1/etc/zeo.conf" \\
        --program client1="runwsgi var/zeo-client1/etc/zope.ini" ...

Each program runs in its own session (Ctrl+C in the terminal reaches only the
supervisor, which then stops them in order), its output appended to
``<log-dir>/<name>.log`` (its own messages in ``supervise.log``). A program that exits is started again after a
delay that doubles with each quick failure (1 s, 2 s, 4 s ... ``--max-delay``)
and falls back to 1 s once it has run ``--steady`` seconds; each exit and
restart is logged. SIGINT / SIGTERM stop every program (SIGTERM, then SIGKILL
after ``--grace`` seconds). If the supervisor itself is killed (even with
SIGKILL), the kernel sends SIGTERM to its programs (Linux parent-death
signal): nothing is left running.

Production hosts use systemd or supervisord (``deploy/``); this script is
what ``make start-zeo`` runs, with no dependency beyond Python.
"""

import argparse
import ctypes
import logging
import os
from pathlib import Path
import shlex
import signal
import subprocess
import sys
import time

logger = logging.getLogger("sirhp.supervise")
PR_SET_PDEATHSIG = 1


def _die_with_parent():
    """In the child, before exec: SIGTERM when the supervisor dies."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: Ctrl+C still stops all
        pass


class Program:
    def __init__(self, name, command, log_dir=None):
        self.name = name
        self.command = command
        self.log_dir = Path(log_dir) if log_dir else None
        self.process = None
        self.started = 0.0
        self.failures = 0
        self.next_start = 0.0

    def start(self):
        output = None
        if self.log_dir:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            output = open(self.log_dir / f"{self.name}.log", "ab")
        try:
            self.process = subprocess.Popen(
                self.command,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT if output else None,
                start_new_session=True,
                preexec_fn=_die_with_parent,
            )
        finally:
            if output:
                output.close()
        self.started = time.monotonic()
        logger.info("%s started (pid %s)", self.name, self.process.pid)


def restart_delay(failures: int, max_delay: float) -> float:
    """Seconds before a restart after ``failures`` quick exits in a row."""
    return min(max_delay, 2.0 ** max(0, failures - 1))


class Supervisor:
    def __init__(self, programs, max_delay=30.0, steady=30.0, grace=15.0):
        self.programs = programs
        self.max_delay = max_delay
        self.steady = steady
        self.grace = grace
        self.stopping = False

    def stop(self, signum=None, frame=None):
        self.stopping = True

    def run(self, tick=0.5):
        for program in self.programs:
            program.start()
        while not self.stopping:
            now = time.monotonic()
            for program in self.programs:
                if program.process is None:
                    if now >= program.next_start:
                        program.start()
                    continue
                code = program.process.poll()
                if code is None:
                    continue
                ran = now - program.started
                program.failures = 1 if ran >= self.steady else program.failures + 1
                delay = restart_delay(program.failures, self.max_delay)
                logger.warning(
                    "%s (pid %s) exited with %s after %.0f s: restart in %.0f s",
                    program.name,
                    program.process.pid,
                    code,
                    ran,
                    delay,
                )
                program.process = None
                program.next_start = now + delay
            time.sleep(tick)
        self.stop_all()

    def stop_all(self):
        """SIGTERM to every program (last started first), SIGKILL after
        ``grace`` seconds to those still there."""
        running = [p for p in reversed(self.programs) if p.process is not None]
        for program in running:
            logger.info("stopping %s (pid %s)", program.name, program.process.pid)
            _signal_group(program.process, signal.SIGTERM)
        deadline = time.monotonic() + self.grace
        for program in running:
            try:
                program.process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                logger.warning("%s did not stop: killed", program.name)
                _signal_group(program.process, signal.SIGKILL)
                program.process.wait()
        logger.info("all stopped")


def _signal_group(process, signum):
    try:
        os.killpg(process.pid, signum)
    except ProcessLookupError:
        pass


def parse_program(text):
    name, sep, command = text.partition("=")
    if not sep or not name.strip() or not command.strip():
        raise argparse.ArgumentTypeError(f"NAME=COMMAND expected, not {text!r}")
    return name.strip(), shlex.split(command)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--program",
        action="append",
        type=parse_program,
        required=True,
        metavar="NAME=COMMAND",
        help="a program to keep running (repeatable)",
    )
    parser.add_argument("--log-dir", help="append each program's output here")
    parser.add_argument("--max-delay", type=float, default=30.0)
    parser.add_argument("--steady", type=float, default=30.0)
    parser.add_argument("--grace", type=float, default=15.0)
    args = parser.parse_args(argv)
    handlers = [logging.StreamHandler(sys.stderr)]
    if args.log_dir:
        Path(args.log_dir).mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(Path(args.log_dir) / "supervise.log"))
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s supervise %(message)s",
        handlers=handlers,
    )
    supervisor = Supervisor(
        [Program(name, command, args.log_dir) for name, command in args.program],
        max_delay=args.max_delay,
        steady=args.steady,
        grace=args.grace,
    )
    signal.signal(signal.SIGINT, supervisor.stop)
    signal.signal(signal.SIGTERM, supervisor.stop)
    supervisor.run()


if __name__ == "__main__":
    main()
