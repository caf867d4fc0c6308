"""Synthetic ID photos: a drawn silhouette on a coloured background.

No real face ever enters SIRHP's demo or tests: these pictures are drawn
with Pillow from a seed (the same seed gives the same picture).
"""

import io
from PIL import Image
from PIL import ImageDraw
import random

BACKGROUNDS = ("#dfe7f2", "#e8e3d6", "#dde9df", "#ece0e0", "#e4e4e4")
SKINS = ("#5a3a22", "#6b4428", "#7a4f2e", "#4a2f1c", "#8a5a36")
UNIFORMS = ("#1f3a93", "#22324f", "#0b6e4f", "#3b3b3b")


def synthetic_photo(seed, width=420, height=540, exif=None):
    """A JPEG of ``width`` x ``height``: head and shoulders, flat colours.

    ``exif``: optional ``PIL.Image.Exif`` to embed (tests of metadata removal).
    """
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), rng.choice(BACKGROUNDS))
    draw = ImageDraw.Draw(image)
    skin = rng.choice(SKINS)
    cx = width // 2 + rng.randint(-width // 20, width // 20)
    head_w = width * rng.uniform(0.30, 0.36)
    head_h = head_w * 1.25
    top = height * 0.18
    draw.ellipse((cx - head_w / 2, top, cx + head_w / 2, top + head_h), fill=skin)
    neck_top = top + head_h * 0.85
    draw.rectangle(
        (cx - head_w / 5, neck_top, cx + head_w / 5, neck_top + height * 0.08),
        fill=skin,
    )
    shoulders = neck_top + height * 0.06
    draw.ellipse(
        (cx - width * 0.45, shoulders, cx + width * 0.45, shoulders + height * 0.6),
        fill=rng.choice(UNIFORMS),
    )
    # a beret or a cap, sometimes
    if rng.random() < 0.5:
        draw.chord(
            (
                cx - head_w * 0.6,
                top - head_h * 0.15,
                cx + head_w * 0.6,
                top + head_h * 0.45,
            ),
            180,
            360,
            fill="#14213d",
        )
    out = io.BytesIO()
    if exif is not None:
        image.save(out, "JPEG", quality=85, exif=exif)
    else:
        image.save(out, "JPEG", quality=85)
    return out.getvalue()
