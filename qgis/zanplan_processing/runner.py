"""Runs the zanplan program for an algorithm and forwards what it says to Processing.

The program draws its progress (`STAGE  42 %`, redrawn in place) only when standard error is
a terminal, so standard error is given a pseudo-terminal where the platform has one; the
stages become the feedback's progress text and percentage. Everything else it prints goes
to the log. A non-zero exit becomes a QgsProcessingException carrying the program's message.
"""
import codecs
import os
import re
import selectors
import subprocess

from qgis.core import QgsProcessingException

# docs/exit-codes.md
EXIT_NAMES = {1: 'internal', 2: 'usage', 3: 'input', 4: 'config', 5: 'workspace', 6: 'output'}

_PROGRESS = re.compile(r'^(?P<stage>.*?)\s+(?P<percent>\d{1,3}) %$')
_ERASE_LINE = '\x1b[2K'


def _open_terminal():
    """(parent end, child end) of a pseudo-terminal, or None where there is none."""
    try:
        import pty
        return pty.openpty()
    except (ImportError, OSError):
        return None


class StderrReader:
    """Splits standard error into progress updates and message lines."""

    def __init__(self, feedback):
        self.feedback = feedback
        self.buffer = ''
        self.stage = None
        self.errors = []

    def feed(self, text):
        self.buffer += text.replace('\r\n', '\n')
        # A progress update ends with nothing (it is redrawn after '\r'); a message with '\n'.
        while True:
            cut = min((i for i in (self.buffer.find('\r'), self.buffer.find('\n')) if i >= 0), default=-1)
            if cut < 0:
                return
            piece, self.buffer = self.buffer[:cut], self.buffer[cut + 1:]
            self._piece(piece)

    def finish(self):
        self._piece(self.buffer)
        self.buffer = ''

    def _piece(self, piece):
        piece = piece.replace(_ERASE_LINE, '').strip()
        if not piece:
            return
        match = _PROGRESS.match(piece)
        if match:
            if match['stage'] != self.stage:
                self.stage = match['stage']
                self.feedback.setProgressText(self.stage)
            self.feedback.setProgress(min(100, int(match['percent'])))
        elif piece.startswith('zanplan: error:'):
            self.errors.append(piece[len('zanplan: error:'):].strip())
            self.feedback.reportError(piece)
        elif piece.startswith('warning'):
            self.feedback.pushWarning(piece)
        else:
            self.feedback.pushInfo(piece)


def run_zanplan(program, arguments, feedback):
    """Runs PROGRAM ARGUMENTS; returns normally only on exit code 0."""
    command = [program] + [str(a) for a in arguments]
    feedback.pushCommandInfo(' '.join(_quoted(a) for a in command))
    terminal = _open_terminal()
    stderr_target = terminal[1] if terminal else subprocess.PIPE
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=stderr_target)
    except OSError as error:
        if terminal:
            os.close(terminal[0])
        raise QgsProcessingException(f'cannot run {program}: {error.strerror}') from error
    finally:
        if terminal:
            os.close(terminal[1])  # the child holds its own copy
    stderr_fd = terminal[0] if terminal else process.stderr.fileno()
    reader = StderrReader(feedback)
    stdout_tail = ''
    selector = selectors.DefaultSelector()
    selector.register(process.stdout.fileno(), selectors.EVENT_READ, 'stdout')
    selector.register(stderr_fd, selectors.EVENT_READ, 'stderr')
    # A character may be split between two reads: each stream keeps its own decoder.
    decoders = {name: codecs.getincrementaldecoder('utf-8')(errors='replace') for name in ('stdout', 'stderr')}
    open_streams = 2
    try:
        while open_streams:
            if feedback.isCanceled():
                process.kill()
                process.wait()
                raise QgsProcessingException('zanplan was cancelled')
            for key, _ in selector.select(timeout=0.2):
                try:
                    data = os.read(key.fd, 65536)
                except OSError:  # a pseudo-terminal whose child end is closed reads EIO
                    data = b''
                if not data:
                    selector.unregister(key.fd)
                    open_streams -= 1
                    continue
                text = decoders[key.data].decode(data)
                if key.data == 'stderr':
                    reader.feed(text)
                else:
                    lines = (stdout_tail + text).split('\n')
                    stdout_tail = lines.pop()
                    for line in lines:
                        feedback.pushConsoleInfo(line.rstrip('\r'))
    finally:
        selector.close()
        process.stdout.close()
        if process.stderr is not None:
            process.stderr.close()
        if terminal:
            os.close(terminal[0])
    if stdout_tail:
        feedback.pushConsoleInfo(stdout_tail)
    reader.finish()
    code = process.wait()
    if code != 0:
        name = EXIT_NAMES.get(code, 'unknown')
        message = '; '.join(reader.errors) or 'no message'
        raise QgsProcessingException(f'zanplan {arguments[0]} failed ({name} error, exit code {code}): {message}')


def _quoted(text):
    return text if re.fullmatch(r'[\w@%+=:,./-]+', text) else "'" + text.replace("'", "'\\''") + "'"
