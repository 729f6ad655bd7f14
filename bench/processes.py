"""What the bench scripts read of the processes they start: a free loopback
port for a server, a process's tree (``docgen serve --workers`` and
``docgen batch`` fork), and the tree's resident memory."""

from __future__ import annotations

import socket
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def process_tree(pid: int) -> list[int]:
    """``pid`` and its living descendants (children of any of its threads)."""
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        for children in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo.extend(int(child) for child in children.read_text().split())
            except (OSError, ValueError):
                continue
    return tree


def rss_kb(pid: int) -> int:
    """Resident memory of one process, 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            return next((int(line.split()[1]) for line in status if line.startswith("VmRSS:")), 0)
    except OSError:
        return 0


def tree_rss_kb(pid: int) -> int:
    return sum(rss_kb(member) for member in process_tree(pid))
