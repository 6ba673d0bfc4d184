"""The management commands' progress bar."""

import io

from django.core.management.base import OutputWrapper

from core.progress import ProgressBar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_a_commands_stdout_shows_the_bar_redrawn_on_one_line():
    terminal = Terminal()
    bar = ProgressBar(3, stream=OutputWrapper(terminal))
    for _ in range(3):
        bar.advance()
    bar.finish()

    output = terminal.getvalue()
    assert output.count("\n") == 1
    assert output.endswith("\n")
    assert "100% 3/3" in output.rsplit("\r", 1)[1]


def test_in_a_log_a_line_is_printed_per_step_of_ten_percent():
    log = io.StringIO()
    bar = ProgressBar(2, label="Ảnh ", stream=OutputWrapper(log))
    bar.advance()
    bar.advance()
    bar.finish()

    lines = log.getvalue().splitlines()
    assert [line.split("]")[1].split()[:2] for line in lines] == [["50%", "1/2"], ["100%", "2/2"]]
