"""Generated demo photos for ``manage.py quickstart``.

Demo photos are drawn procedurally with Pillow so that the repository ships no
binary images and no third-party photographs (nothing to license or attribute).
Each picture is a flat "city skyline" illustration -- sky gradient, sun or moon,
clouds, three layers of buildings with windows, and a river or a tree-lined
street in front -- and is fully deterministic: the same seed gives the same bytes.

Everything is built from gradients, shapes and a blur on a quarter-size layer,
with no per-pixel Python loops, so a 1200x800 image takes a few tens of ms.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter

type RGB = tuple[int, int, int]

__all__ = ["make_demo_photo"]


@dataclass(frozen=True, slots=True)
class _Palette:
    sky_top: RGB
    sky_bottom: RGB
    sun: RGB
    cloud: RGB
    far: RGB  # farthest skyline layer
    near: RGB  # nearest skyline layer
    ground: RGB
    water: RGB
    window: RGB
    lit_ratio: float  # share of windows that are lit
    night: bool = False


_PALETTES: tuple[_Palette, ...] = (
    # dawn
    _Palette(
        sky_top=(64, 86, 158),
        sky_bottom=(252, 196, 158),
        sun=(255, 236, 200),
        cloud=(255, 214, 200),
        far=(160, 142, 178),
        near=(52, 48, 84),
        ground=(60, 74, 70),
        water=(96, 110, 160),
        window=(255, 218, 150),
        lit_ratio=0.3,
    ),
    # bright day
    _Palette(
        sky_top=(52, 132, 214),
        sky_bottom=(196, 228, 246),
        sun=(255, 251, 228),
        cloud=(255, 255, 255),
        far=(150, 180, 204),
        near=(52, 74, 98),
        ground=(74, 124, 82),
        water=(70, 140, 190),
        window=(198, 226, 244),
        lit_ratio=0.55,
    ),
    # sunset
    _Palette(
        sky_top=(44, 50, 118),
        sky_bottom=(252, 148, 92),
        sun=(255, 210, 130),
        cloud=(250, 170, 150),
        far=(176, 112, 128),
        near=(46, 32, 58),
        ground=(48, 40, 52),
        water=(120, 86, 120),
        window=(255, 204, 112),
        lit_ratio=0.35,
    ),
    # night
    _Palette(
        sky_top=(8, 12, 36),
        sky_bottom=(42, 58, 106),
        sun=(240, 240, 222),
        cloud=(70, 84, 126),
        far=(44, 54, 92),
        near=(14, 17, 34),
        ground=(16, 20, 32),
        water=(24, 34, 66),
        window=(255, 212, 120),
        lit_ratio=0.45,
        night=True,
    ),
    # teal golden hour
    _Palette(
        sky_top=(34, 112, 136),
        sky_bottom=(242, 214, 164),
        sun=(255, 240, 196),
        cloud=(250, 236, 214),
        far=(132, 170, 164),
        near=(30, 62, 72),
        ground=(54, 88, 70),
        water=(58, 124, 134),
        window=(255, 226, 160),
        lit_ratio=0.3,
    ),
)


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    """Linear interpolation between two colours (t=0 -> a, t=1 -> b)."""
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _vertical_gradient(width: int, height: int, top: RGB, bottom: RGB) -> Image.Image:
    """An RGB image fading from ``top`` to ``bottom`` (built in C, no pixel loops)."""
    mask = Image.linear_gradient("L").resize((1, height), Image.Resampling.BILINEAR)
    mask = mask.resize((width, height), Image.Resampling.NEAREST)
    return Image.composite(
        Image.new("RGB", (width, height), bottom), Image.new("RGB", (width, height), top), mask
    )


def _soft_layer(layer: Image.Image, blur: float, size: tuple[int, int]) -> Image.Image:
    """Blur a small layer and scale it up to ``size``."""
    return layer.filter(ImageFilter.GaussianBlur(blur)).resize(size, Image.Resampling.BILINEAR)


def _disc(pal: _Palette, diameter: int) -> Image.Image:
    """An anti-aliased sun (or crescent moon) as a small RGBA tile."""
    ss = 4  # supersampling factor
    big = diameter * ss
    mask = Image.new("L", (big, big), 0)
    draw = ImageDraw.Draw(mask)
    draw.ellipse((0, 0, big - 1, big - 1), fill=255)
    if pal.night:
        off = big * 0.28
        draw.ellipse((off, -off * 0.4, big - 1 + off, big - 1 - off * 0.4), fill=0)
    tile = Image.new("RGBA", (diameter, diameter), (*pal.sun, 255))
    tile.putalpha(mask.resize((diameter, diameter), Image.Resampling.BOX))
    return tile


def _atmosphere(rng: random.Random, pal: _Palette, width: int, horizon: int) -> Image.Image:
    """Sun/moon with its glow and soft clouds, as one RGBA layer the size of the sky.

    Glow and clouds are drawn at quarter size, blurred and scaled up (cheap and smooth).
    """
    q = 4
    sw, sh = max(1, width // q), max(1, horizon // q)
    cx = rng.uniform(0.15, 0.85) * sw
    cy = rng.uniform(0.25, 0.6) * sh
    radius = rng.uniform(0.045, 0.065) * sw

    glow = Image.new("RGBA", (sw, sh), (*pal.sun, 0))
    draw = ImageDraw.Draw(glow)
    steps = 10
    for k in range(steps, 0, -1):  # concentric rings, more opaque towards the centre
        r = radius * (1 + k * 0.4)
        alpha = round(10 + 70 * ((steps - k) / steps) ** 2)
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(*pal.sun, alpha))

    clouds = Image.new("RGBA", (sw, sh), (*pal.cloud, 0))
    draw = ImageDraw.Draw(clouds)
    for _ in range(rng.randint(2, 5)):
        x = rng.uniform(-0.1, 1.0) * sw
        y = rng.uniform(0.1, 0.65) * sh
        alpha = rng.randint(40, 80) if pal.night else rng.randint(90, 170)
        for _ in range(rng.randint(4, 7)):
            rw = rng.uniform(0.04, 0.09) * sw
            rh = rw * rng.uniform(0.35, 0.55)
            ox = rng.uniform(0, 0.16) * sw
            oy = rng.uniform(-0.25, 0.25) * rh
            draw.ellipse(
                (x + ox - rw, y + oy - rh, x + ox + rw, y + oy + rh), fill=(*pal.cloud, alpha)
            )

    # Disc between glow and clouds, so clouds can drift in front of the sun.
    layer = _soft_layer(glow, 6, (width, horizon))
    diameter = max(2, round(2 * radius * q))
    layer.alpha_composite(
        _disc(pal, diameter), (round(cx * q - diameter / 2), round(cy * q - diameter / 2))
    )
    layer.alpha_composite(_soft_layer(clouds, 2.5, (width, horizon)))
    return layer


def _stars(rng: random.Random, draw: ImageDraw.ImageDraw, width: int, horizon: int) -> None:
    for _ in range(int(width * horizon / 5200)):
        x, y = rng.randrange(width), rng.randrange(max(1, int(horizon * 0.8)))
        shade = rng.randint(150, 255)
        size = 1 if rng.random() < 0.85 else 2
        draw.rectangle(
            (x, y, x + size - 1, y + size - 1), fill=(shade, shade, min(255, shade + 20))
        )


def _skyline_layer(
    rng: random.Random,
    draw: ImageDraw.ImageDraw,
    *,
    width: int,
    base: int,
    max_height: float,
    scale: float,
    color: RGB,
    window_on: RGB | None,
    window_off: RGB,
    lit_ratio: float,
) -> None:
    """One row of buildings standing on the line ``y = base``."""
    x = -rng.uniform(0, 60) * scale
    while x < width:
        bw = rng.uniform(46, 130) * scale
        bh = rng.uniform(0.3, 1.0) * max_height
        top = base - bh
        draw.rectangle((x, top, x + bw, base), fill=color)

        roof = rng.random()
        if roof < 0.18:  # stepped top
            inset = bw * rng.uniform(0.18, 0.3)
            step = bh * rng.uniform(0.06, 0.14)
            draw.rectangle((x + inset, top - step, x + bw - inset, top), fill=color)
            if rng.random() < 0.6:  # antenna
                mid = x + bw / 2
                draw.line(
                    (mid, top - step, mid, top - step - bh * 0.18),
                    fill=color,
                    width=max(1, round(2 * scale)),
                )
        elif roof < 0.28:  # dome
            draw.pieslice(
                (x + bw * 0.15, top - bw * 0.35, x + bw * 0.85, top + bw * 0.35),
                180,
                360,
                fill=color,
            )
        elif roof < 0.4:  # pitched roof
            draw.polygon(((x, top), (x + bw / 2, top - bw * 0.3), (x + bw, top)), fill=color)
        elif roof < 0.5:  # antenna only
            ax = x + bw * rng.uniform(0.2, 0.8)
            draw.line((ax, top, ax, top - bh * 0.15), fill=color, width=max(1, round(2 * scale)))

        if window_on is not None and bw > 30 * scale:
            ww = max(2.0, 7 * scale)
            wh = max(2.0, 10 * scale)
            gap_x = ww + rng.uniform(5, 9) * scale
            gap_y = wh + rng.uniform(7, 11) * scale
            cols = int((bw - 10 * scale) // gap_x)
            rows = int((bh - 14 * scale) // gap_y)
            if cols > 0 and rows > 0:
                margin = (bw - cols * gap_x + (gap_x - ww)) / 2
                ratio = lit_ratio * rng.uniform(0.6, 1.3)
                for r in range(rows):
                    wy = top + 10 * scale + r * gap_y
                    for c in range(cols):
                        wx = x + margin + c * gap_x
                        fill = window_on if rng.random() < ratio else window_off
                        draw.rectangle((wx, wy, wx + ww, wy + wh), fill=fill)

        x += bw + rng.uniform(-8, 14) * scale


def _foreground_trees(
    rng: random.Random, draw: ImageDraw.ImageDraw, width: int, y: int, scale: float, color: RGB
) -> None:
    x = rng.uniform(0, 40) * scale
    trunk = _mix(color, (0, 0, 0), 0.3)
    while x < width:
        r = rng.uniform(16, 30) * scale
        draw.rectangle((x - 2 * scale, y - r * 0.6, x + 2 * scale, y + 6 * scale), fill=trunk)
        draw.ellipse((x - r, y - r * 2.1, x + r, y - r * 0.35), fill=color)
        x += r * 2 + rng.uniform(14, 60) * scale


def make_demo_photo(seed: int, *, width: int = 1200, height: int = 800) -> bytes:
    """Return a deterministic JPEG (quality 82, progressive) city illustration for ``seed``."""
    if width < 16 or height < 16:
        raise ValueError("demo photos must be at least 16x16 pixels")
    rng = random.Random(seed)  # noqa: S311 -- deterministic illustration, not security
    pal = rng.choice(_PALETTES)
    scale = width / 1200

    horizon = round(height * rng.uniform(0.7, 0.8))  # where buildings stand
    sky = _vertical_gradient(width, horizon, pal.sky_top, pal.sky_bottom)
    if pal.night:
        _stars(rng, ImageDraw.Draw(sky), width, horizon)
    sky = sky.convert("RGBA")
    sky.alpha_composite(_atmosphere(rng, pal, width, horizon))
    img = Image.new("RGBA", (width, height), (*pal.ground, 255))
    img.paste(sky, (0, 0))

    # Three skyline layers, from hazy far towers to dark near blocks with windows.
    draw = ImageDraw.Draw(img)
    haze = pal.sky_bottom
    for i, height_share in enumerate((0.62, 0.48, 0.34)):
        t = i / 2
        color = _mix(pal.far, pal.near, t)
        if i == 0:
            color = _mix(color, haze, 0.25)
        near = i == 2
        window_on = pal.window if i > 0 else None
        if i == 1 and not pal.night:
            window_on = _mix(color, pal.window, 0.35)
        _skyline_layer(
            rng,
            draw,
            width=width,
            base=horizon,
            max_height=height_share * horizon,
            scale=scale * (1.0 if near else 0.8),
            color=color,
            window_on=window_on,
            window_off=_mix(color, pal.sky_bottom, 0.12),
            lit_ratio=pal.lit_ratio if near else pal.lit_ratio * 0.6,
        )

    img = img.convert("RGB")
    ground_h = height - horizon
    if rng.random() < 0.5:
        # River: a darkened, squashed mirror of the skyline plus ripple lines.
        src_h = min(horizon, ground_h * 2)
        reflection = img.crop((0, horizon - src_h, width, horizon)).transpose(
            Image.Transpose.FLIP_TOP_BOTTOM
        )
        reflection = reflection.resize((width, ground_h), Image.Resampling.BILINEAR)
        water = _vertical_gradient(width, ground_h, pal.water, _mix(pal.water, (0, 0, 0), 0.35))
        water = Image.blend(water, reflection, 0.38)
        wdraw = ImageDraw.Draw(water)
        ripple = _mix(pal.water, pal.sky_bottom, 0.55)
        for _ in range(int(60 * scale) + 10):
            y = rng.uniform(2, ground_h - 2)
            x = rng.uniform(-40, width)
            length = rng.uniform(20, 110) * scale
            wdraw.line((x, y, x + length, y), fill=ripple, width=1)
        img.paste(water, (0, horizon))
        # Embankment line.
        ImageDraw.Draw(img).rectangle(
            (0, horizon - max(1, round(3 * scale)), width, horizon + max(1, round(2 * scale))),
            fill=_mix(pal.near, (0, 0, 0), 0.2),
        )
    else:
        # Street: grass verge, road, lane markings, and a row of trees.
        ground = _vertical_gradient(width, ground_h, pal.ground, _mix(pal.ground, (0, 0, 0), 0.3))
        img.paste(ground, (0, horizon))
        gdraw = ImageDraw.Draw(img)
        road_top = horizon + round(ground_h * 0.45)
        road = _mix(pal.near, (128, 128, 128), 0.2)
        gdraw.rectangle((0, road_top, width, height), fill=road)
        lane_y = road_top + (height - road_top) // 2
        dash = 50 * scale
        x = -rng.uniform(0, dash)
        mark = _mix(road, (240, 230, 200), 0.7)
        while x < width:
            gdraw.rectangle((x, lane_y - 2 * scale, x + dash * 0.6, lane_y + 2 * scale), fill=mark)
            x += dash * 1.4
        _foreground_trees(
            rng, gdraw, width, road_top - round(3 * scale), scale, _mix(pal.ground, (0, 0, 0), 0.35)
        )

    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=82, progressive=True, optimize=True)
    return buf.getvalue()
