"""The Qt bindings we ship do not leak references to None.

PySide6 6.12.0 drops one reference to None on every call of a method that returns void. Python 3.12+
makes None immortal so nothing happens there, but on 3.11 None's count falls with every repaint and
timer until the interpreter aborts with "Fatal Python error: none_dealloc", hours into a working day.
"""

from __future__ import annotations

import sys
from typing import Any

import pytest
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QImage, QPainter

CALLS = 1000


def none_refs_lost(calls: Any) -> int:
    before = sys.getrefcount(None)
    calls()
    return before - sys.getrefcount(None)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_void_methods_keep_none_alive(qapp: Any) -> None:
    holder = QObject()
    timer = QTimer()
    image = QImage(16, 16, QImage.Format.Format_ARGB32)
    painter = QPainter(image)

    def void_calls() -> None:
        for _ in range(CALLS):
            holder.setObjectName("atelier")  # a plain setter
            timer.start(0)                    # what qasync does for every call_soon
            timer.stop()
            painter.drawLine(0, 0, 8, 8)      # what a delegate does for every row it paints

    try:
        lost = none_refs_lost(void_calls)
    finally:
        painter.end()
    # A little slack for unrelated interpreter activity; the faulty release loses 4,000 here.
    assert lost < CALLS // 10, f"{lost} references to None lost in {4 * CALLS} Qt calls"
