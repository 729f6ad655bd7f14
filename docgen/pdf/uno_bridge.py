"""The warm converter's UNO side, run by the system Python (Debian's
``python3-uno`` gives the ``uno`` module to /usr/bin/python3 only): it
connects to one running soffice and converts on request.

Not imported by docgen: :mod:`docgen.pdf.warm` starts it as
``/usr/bin/python3 -I uno_bridge.py PIPE_NAME`` beside the soffice it
started listening on ``PIPE_NAME``. Standard library and ``uno`` only.

Protocol, one JSON object per line: it prints ``{"ready": true}`` once
connected (``{"ready": false, "error": ...}`` and exits when it cannot), then
answers each request ``{"source": PATH, "target": PATH, "archive": BOOL}``
with ``{"ok": true}`` or ``{"ok": false, "error": TEXT, "lost": BOOL}``
(``lost``: the connection to soffice is gone). At end of input it ends
soffice and exits, so soffice never outlives docgen; so too when docgen
died while soffice was starting (its answer finds no reader).
"""

import json
import os
import sys
import time


def answer(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main(pipe_name, start_seconds=60.0):
    parent = os.getppid()
    try:
        import uno
        from com.sun.star.beans import PropertyValue
        from com.sun.star.connection import NoConnectException
        from com.sun.star.lang import DisposedException
        from com.sun.star.uno import RuntimeException
    except ImportError as error:
        answer({"ready": False, "error": f"no uno module: {error}"})
        return 3

    def props(**values):
        return tuple(PropertyValue(Name=name, Value=value) for name, value in values.items())

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + start_seconds
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe_name};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if time.monotonic() > deadline:
                answer({"ready": False, "error": "soffice did not answer"})
                return 4
            time.sleep(0.05)
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    heard = os.getppid() == parent  # docgen may have died while soffice started
    try:
        if heard:
            answer({"ready": True})
    except BrokenPipeError:
        heard = False
    if not heard:
        desktop.terminate()
        return 6

    # Loaded hidden and read-only, macros never run; no update of links.
    load = props(Hidden=True, ReadOnly=True, MacroExecutionMode=0, UpdateDocMode=0)
    for line in sys.stdin:
        request = json.loads(line)
        pdf_version = 2 if request.get("archive") else 0  # 2: PDF/A-2b
        filter_data = uno.Any("[]com.sun.star.beans.PropertyValue",
                              props(SelectPdfVersion=pdf_version))
        store = props(FilterName="writer_pdf_Export", FilterData=filter_data)
        document = None
        try:
            document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(request["source"]),
                                                    "_blank", 0, load)
            if document is None:
                answer({"ok": False, "error": "LibreOffice could not open the document", "lost": False})
                continue
            document.storeToURL(uno.systemPathToFileUrl(request["target"]), store)
            answer({"ok": True})
        except (DisposedException, RuntimeException) as error:
            lost = isinstance(error, DisposedException) or "Binary URP bridge" in str(error)
            answer({"ok": False, "error": f"{type(error).__name__}: {error.Message}", "lost": lost})
            if lost:
                return 5
        except Exception as error:  # an IOException of a broken file, say
            answer({"ok": False, "error": f"{type(error).__name__}: {error}", "lost": False})
        finally:
            if document is not None:
                try:
                    document.close(True)
                except Exception:
                    pass
    # End of input: docgen closed the pipe, or died (even by SIGKILL, which
    # runs no atexit); soffice must not outlive it.
    try:
        desktop.terminate()
    except Exception:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 60.0))
