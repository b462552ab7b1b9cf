"""Progress bars: text headless, widgets only in a Jupyter kernel, and no warning either way."""

from __future__ import annotations

import io
import warnings

from utils import progress


def test_headless_bars_are_text_and_do_not_warn(monkeypatch):
    monkeypatch.setenv(progress.HEADLESS_ENV, "1")
    stream = io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        bar = progress.tqdm(range(3), desc="berita", file=stream)
        assert list(bar) == [0, 1, 2]
    assert type(bar).__module__ == "tqdm.std"
    assert "berita" in stream.getvalue()


def test_outside_a_kernel_the_bar_is_text_even_without_the_headless_flag(monkeypatch):
    monkeypatch.delenv(progress.HEADLESS_ENV, raising=False)
    assert not progress.interactive()
    bar = progress.tqdm(range(2), disable=True)
    assert type(bar).__module__ == "tqdm.std"


def test_in_a_kernel_with_ipywidgets_the_bar_is_a_widget(monkeypatch):
    monkeypatch.delenv(progress.HEADLESS_ENV, raising=False)
    monkeypatch.setattr(progress, "in_kernel", lambda: True)
    assert progress.interactive()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        bar = progress.tqdm(range(2), disable=True)
    assert type(bar).__module__ == "tqdm.notebook"
    monkeypatch.setenv(progress.HEADLESS_ENV, "1")
    assert not progress.interactive()
