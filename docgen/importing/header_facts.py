"""The header (ô 1-4) of the plan an import builds: the facts the
structure reader found, those a decision that issues the plan gives
(its number and date as the plan's reference), and what the source lacks
taken from where the text states it (:mod:`.inferred`), each inference
said in a warning; what nothing states is left empty."""

from __future__ import annotations

import re

from ..vietnamese import vn
from . import inferred
from ..vietnamese.names import issuer_name
from .lines import Line


class HeaderFacts:
    """The header part of the importer's builder (:class:`docgen.importing.parse._Builder`):
    it reads ``self.s`` (the structure), ``self.issued_by`` (the document
    issuing it, when that one is not imported), ``self.data``, ``self.opening_texts``
    and ``self.cited_texts`` (the opening's citation, read as the plan's
    reference: its date and words count for what is inferred),
    ``self.reference``, ``self.doc_type``, ``self.source`` and says what it
    infers with ``self.warn``."""

    def _stated_texts(self) -> list[tuple[str, int]]:
        """The opening as printed, the citation first: (text, paragraph)."""
        return list(self.cited_texts) + list(self.opening_texts)

    def _header(self) -> None:
        s = self.s
        h = s.header
        header: dict = {}
        if h.parent is not None:
            header["parent_body"] = h.parent.value
        if h.issuing is not None:
            header["issuing_body"] = list(h.issuing.value)
        if h.number is not None:
            number, symbol = h.number.value
            if number is not None:
                header["number"] = number
            header["symbol"] = symbol
        if h.date is not None:
            self._date_line(header, h.date.value)
        self.data.update(h.marks)  # the secrecy and urgency stamps (ô 10a, 10b)
        for line in h.others:
            self.stray(line, "nằm ở phần đầu văn bản nhưng không phải tên cơ quan, số, ký hiệu hay ngày tháng",
                       to_opening=True)
        if self.issued_by is not None:
            self._issued_by(header)
        self._infer(header)
        self.data["header"] = {key: header[key] for key in
                               ("parent_body", "issuing_body", "issuer_name", "number", "symbol", "place", "date")
                               if header.get(key) is not None}

    @staticmethod
    def _date_line(header: dict, found) -> None:
        if found.place:
            header["place"] = found.place
        header["date"] = {"year": found.year, "month": found.month, **({"day": found.day} if found.day else {})}

    def _issued_by(self, header: dict) -> None:
        """The plan a decision issues: the decision's number and date become
        its reference; its issuer, place and date those the plan lacks."""
        outer = self.issued_by
        oh = outer.header
        if "issuing_body" not in header and oh.issuing is not None:
            header["issuing_body"] = list(oh.issuing.value)
            if oh.parent is not None:
                header.setdefault("parent_body", oh.parent.value)
        cited = self.s.reference.value if self.s.reference is not None else (None,) * 5
        number, symbol = oh.number.value if oh.number is not None else (cited[1], cited[2])
        if oh.date is not None:
            place_date = oh.date.value
            date = {"year": place_date.year, "month": place_date.month,
                    **({"day": place_date.day} if place_date.day else {})}
            if place_date.place and "place" not in header:
                header["place"] = place_date.place
        else:
            date = cited[3]
        outer_type = outer.type or cited[0]
        at = outer.items[0].number if outer.items and isinstance(outer.items[0], Line) else 0
        name = outer_type.name if outer_type else "văn bản"
        if "date" not in header and date:
            header["date"] = date
        if symbol and date:
            issuer = issuer_name(list(oh.issuing.value), header.get("place") or "") if oh.issuing else (
                cited[4] or "…")
            subject = re.sub(r"^\s*Về việc\s+", "", outer.subject.text if outer.subject else "", flags=re.IGNORECASE)
            self.data["reference"] = {"type_name": name, "symbol": symbol, "date": date, "issuer_name": issuer,
                                      **({"number": number} if number else {}), **({"subject": subject} if subject else {})}
        shown = f"{name} số {number or '…'}/{symbol}" if symbol else name
        self.warn(at, f"văn bản là {shown} ban hành kèm theo {self.doc_type.noun}: đã nhập {self.doc_type.noun} "
                  f"kèm theo; số, ngày của {name.lower()} ghi ở văn bản tham chiếu, nội dung của {name.lower()} "
                  "không nhập", "reference")

    def _infer(self, header: dict) -> None:
        """What the source leaves out, from where the text states it."""
        s = self.s
        first = s.items[0].number if s.items and isinstance(s.items[0], Line) else 1
        if self.reference:
            _, number, symbol, date, issuer, at = self.reference
            if "number" not in header and number and self.issued_by is None:
                header["number"] = number
                self.warn(at, f"số văn bản {number} lấy từ dòng “{self.doc_type.attached_words} …” của phụ lục",
                          "header.number")
            elif number and header.get("number") not in (None, number):
                self.warn(at, f"phụ lục ghi số {number}, phần đầu ghi số {header['number']}", "header.number")
            if "symbol" not in header and symbol:
                header["symbol"] = symbol
            if "date" not in header and date:
                header["date"] = date
                self.warn(at, f"ngày ban hành lấy từ dòng “{self.doc_type.attached_words} …” của phụ lục",
                          "header.date")
            if issuer and len(issuer.split()) > 3 and not issuer.lower().startswith("ubnd"):
                header.setdefault("issuer_name", issuer)
        texts = [(text, at) for text, at in reversed(self._stated_texts())]
        texts.append((self.data["subject"], s.subject_at))
        level, name, at = inferred.issuing_sentence(texts)
        if level is None and self.reference:
            level, name = inferred.issuer_in(self.reference[4])
            at = self.reference[5]
        if not header.get("place"):
            stated = [self.data["subject"]] + [t for t, _ in self._stated_texts()]
            place = name or inferred.named_place(level, stated) or (level[0].upper() + level[1:] if level else None)
            if place:
                header["place"] = place
                self.warn(at or first, f"văn bản không có dòng địa danh, ngày tháng; địa danh “{place}” "
                          "suy ra từ nội dung, cần kiểm tra", "header.place")
            else:
                header["place"] = "…"
                self.warn(first, "không tìm thấy địa danh (dòng “…, ngày … tháng … năm …”): cần điền", "header.place")
        self._infer_issuer(header, level, name, at or first)
        if "date" not in header:
            date, at_date = inferred.latest_date(self._stated_texts())
            if date:
                header["date"] = {"year": date.year, "month": date.month}
                self.warn(at_date, f"văn bản không có ngày ban hành; lấy tháng {date.month}/{date.year} theo ngày "
                          "gần nhất nêu trong phần mở đầu, cần kiểm tra", "header.date")
            else:
                self.warn(first, "không tìm thấy ngày ban hành (dòng “…, ngày … tháng … năm …”): cần điền",
                          "header.date")
        if not header.get("issuer_name"):
            header["issuer_name"] = issuer_name(header["issuing_body"], header["place"])
        if s.header.nation is None and s.header.motto is None and self.source.kind == "docx":
            self.warn(first, "văn bản gốc thiếu quốc hiệu, tiêu ngữ; bản mới in đủ theo Nghị định 30")

    def _infer_issuer(self, header: dict, level: str | None, name: str | None, at: int) -> None:
        body = header.get("issuing_body")
        if body and not (len(body) == 1 and vn.same_text(body[0], "ỦY BAN NHÂN DÂN", casefold=True) and level):
            return
        signer = self.data.get("signer", {}).get("authority") or []
        head = body[0] if body else (signer[0][3:].strip() if signer and signer[0].startswith("TM.") else None)
        if level and head is None:
            head = "ỦY BAN NHÂN DÂN"
        if level and head:
            header["issuing_body"] = [head, inferred.body_line(level, header["place"], name)]
        elif head:
            header["issuing_body"] = [head]
        else:
            header["issuing_body"] = ["…"]
            self.warn(at, "không tìm thấy tên cơ quan ban hành: cần điền", "header.issuing_body")
            return
        self.warn(at, "văn bản không có tên cơ quan ban hành ở phần đầu; đã suy ra “"
                  + " / ".join(header["issuing_body"]) + "” từ nội dung, cần kiểm tra", "header.issuing_body")
