from .derive import report_from
