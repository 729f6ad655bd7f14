"""The visible signatures of Decree 30/2020 for electronic documents:

- the signer's: their signature image (blue, transparent PNG) centred
  between the authority lines (ô 7a) and the name (ô 7b);
- the organisation's: the seal image (red, transparent PNG, real size,
  ``SEAL_MM``) over about the left third of the signer's image, and under it
  the organisation's name and the signing time (ISO 8601, +07:00) in Times
  New Roman 10 pt, black.

Each is one image for pyHanko's stamp; the organisation's text is drawn
into it with Liberation Serif, the metric twin of Times New Roman that
docgen's PDFs use (``docgen/fonts.conf``), at ``DPI`` so it prints sharp.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..vietnamese import dates
from . import SigningError
from .identities import ASK_ADMIN
from .placement import SignerBlock

POINTS_PER_MM = 72 / 25.4
SEAL_MM = 38  # a round seal of a commune/province people's committee: 35–42 mm
TEXT_PT = 10
DPI = 400
MARGIN_PT = 3  # between the signature image and the lines above and below it
MAX_SIGNATURE_WIDTH_PT = 60 * POINTS_PER_MM
FONT_FILES = ("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
              "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf")
VIETNAM = dates.VIETNAM

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in points, origin bottom left


@dataclass(frozen=True)
class Appearance:
    image: object  # PIL.Image.Image, RGBA
    box: Box


def load_image(path, what: str):
    """The RGBA image of the PNG at ``path`` (an image already open is returned as it is)."""
    from PIL import Image, UnidentifiedImageError

    if isinstance(path, Image.Image):
        return path.convert("RGBA")

    try:
        with Image.open(path) as image:
            image.load()
    except FileNotFoundError:
        raise SigningError(f"Không tìm thấy {what} đi kèm chứng thư số: {ASK_ADMIN}.",
                           f"Không tìm thấy {what}: {path}.") from None
    except (OSError, UnidentifiedImageError):
        raise SigningError(f"{what.capitalize()} đi kèm chứng thư số không đọc được: {ASK_ADMIN}.",
                           f"{what.capitalize()} {path} không phải ảnh PNG đọc được.") from None
    return image.convert("RGBA")


def signature_box(block: SignerBlock, image) -> Box:
    """The signer's image, as high as the gap between title and name allows."""
    bottom, top = block.gap
    height = top - bottom - 2 * MARGIN_PT
    if height < 12:
        raise SigningError("Khoảng trống giữa chức vụ và họ tên người ký quá nhỏ để đặt "
                           "hình ảnh chữ ký.")
    width = height * image.width / image.height
    if width > MAX_SIGNATURE_WIDTH_PT:
        width, height = MAX_SIGNATURE_WIDTH_PT, MAX_SIGNATURE_WIDTH_PT * image.height / image.width
    middle = (bottom + top) / 2
    return (block.centre - width / 2, middle - height / 2,
            block.centre + width / 2, middle + height / 2)


def signer_appearance(block: SignerBlock, signature_png: Path) -> Appearance:
    image = load_image(signature_png, "hình ảnh chữ ký")
    return Appearance(image, signature_box(block, image))


def iso_time(when: dt.datetime) -> str:
    """``2026-12-03T14:05:09+07:00``: Vietnam's time, to the second."""
    return when.astimezone(VIETNAM).replace(microsecond=0).isoformat()


def _font(size_px: int):
    from PIL import ImageFont

    for path in FONT_FILES:
        if Path(path).exists():
            return ImageFont.truetype(path, size_px)
    raise SigningError(f"Máy chủ thiếu phông chữ để viết thông tin chữ ký số: {ASK_ADMIN}.",
                       "Thiếu phông Liberation Serif (gói fonts-liberation2) để viết "
                       "thông tin chữ ký số.")


def organisation_appearance(signature: Box, seal_png: Path, organisation: str,
                            when: dt.datetime, text_top: float) -> Appearance:
    """The seal over the left third of the signer's image ``signature``;
    the organisation's name and the time left-aligned with the seal, under
    it and no higher than ``text_top`` (the bottom of the signer's name)."""
    from PIL import Image, ImageDraw

    seal = load_image(seal_png, "hình ảnh con dấu")
    seal_pt = SEAL_MM * POINTS_PER_MM
    seal_h_pt = seal_pt * seal.height / seal.width
    px_per_pt = DPI / 72
    lines = [organisation, iso_time(when)]
    font = _font(round(TEXT_PT * px_per_pt))
    measure = ImageDraw.Draw(Image.new("L", (1, 1)))
    line_px = round(TEXT_PT * 1.2 * px_per_pt)
    text_w = max(measure.textlength(line, font=font) for line in lines)
    # The seal's right edge a third of the way into the signer's image, its
    # centre level with the image's centre.
    seal_px = (round(seal_pt * px_per_pt), round(seal_h_pt * px_per_pt))
    width_px = max(seal_px[0], round(text_w) + 2)
    x1 = signature[0] + (signature[2] - signature[0]) / 3
    x0 = x1 - seal_pt
    seal_top = (signature[1] + signature[3]) / 2 + seal_h_pt / 2
    text_at = min(seal_top - seal_h_pt, text_top - 2)  # the first line's top, in points
    text_px = round((seal_top - text_at) * px_per_pt)
    height_px = text_px + line_px * len(lines) + round(line_px * 0.3)
    canvas = Image.new("RGBA", (width_px, height_px), (255, 255, 255, 0))
    canvas.alpha_composite(seal.resize(seal_px, Image.LANCZOS), (0, 0))
    draw = ImageDraw.Draw(canvas)
    for index, line in enumerate(lines):
        draw.text((0, text_px + index * line_px), line, font=font, fill=(0, 0, 0, 255))
    width_pt, height_pt = width_px / px_per_pt, height_px / px_per_pt
    return Appearance(canvas, (x0, seal_top - height_pt, x0 + width_pt, seal_top))


ATTACHMENT_MARGIN_PT = 20 * POINTS_PER_MM / 2  # from the page's top and right edges


def attachment_appearance(page: Box, organisation: str, number: str,
                          when: dt.datetime) -> Appearance:
    """The organisation's signature on a separate attached file (Decree 30,
    Phụ lục I): no image, a text block in the top right corner of the first
    page: the organisation, the number and symbol of the document it is
    attached to, the time in ISO 8601; Times New Roman 10 pt, black."""
    from PIL import Image, ImageDraw

    px_per_pt = DPI / 72
    lines = [line for line in (organisation, number and f"Số: {number}", iso_time(when)) if line]
    font = _font(round(TEXT_PT * px_per_pt))
    measure = ImageDraw.Draw(Image.new("L", (1, 1)))
    line_px = round(TEXT_PT * 1.2 * px_per_pt)
    width_px = round(max(measure.textlength(line, font=font) for line in lines)) + 2
    height_px = line_px * len(lines) + round(line_px * 0.3)
    canvas = Image.new("RGBA", (width_px, height_px), (255, 255, 255, 0))
    draw = ImageDraw.Draw(canvas)
    for index, line in enumerate(lines):
        draw.text((0, index * line_px), line, font=font, fill=(0, 0, 0, 255))
    width_pt, height_pt = width_px / px_per_pt, height_px / px_per_pt
    x1, y1 = page[2] - ATTACHMENT_MARGIN_PT, page[3] - ATTACHMENT_MARGIN_PT
    return Appearance(canvas, (x1 - width_pt, y1 - height_pt, x1, y1))
