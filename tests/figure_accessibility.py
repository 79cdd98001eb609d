"""Colour must not be the only thing that tells the series of a plot apart.

The book promises readers who cannot tell colours apart (colour vision deficiency, greyscale
print, a projector) that every plot still reads. ``check_figure(fig)`` returns a list of
problems, one sentence each, empty when the figure keeps that promise.

The rule
--------
A *series* is something the reader must match to a name: an artist with a legend label (a
label that does not start with ``_``: lines, scatters, bar and histogram containers, error
bars, filled areas) and every entry of a legend, axes or figure legend alike. A legend entry
looks like the labelled artist of the same name; a proxy handle that no artist backs
(``legend(handles=[Line2D(...), Patch(...)])``) is judged by itself. Series come in two kinds,
and a line never looks like a hatched bar:

* lines and markers (``plot``, ``axhline``, ``vlines``, ``errorbar``, ``scatter``), which must
  differ in dash pattern (solid, dashed, dash-dot, dotted, custom dashes, no line), marker
  shape, or marker fill (filled versus hollow: no face, or a face in the background colour);
* areas (``bar``, ``hist``, ``fill_between``, patches), which must differ in hatch, edge dash
  pattern, or fill (filled versus outline only).

Within one axes (its labelled series) and within one legend (its entries), two series of the
same kind whose non-colour features are all equal are told apart only by colour: a problem.
Colour, transparency, line width and marker size never count as a difference.

Not problems:

* a single series, unlabelled artists (reference lines, grids, a lone histogram);
* a labelled series that is also labelled directly on the plot: its label is the text of an
  annotation (``ax.text``/``ax.annotate``) in the same axes;
* images, contour plots and other colour-mapped artists: there the colour is the value.

One more problem: a scatter whose points have more than one colour (``c=values`` with a colour
map, or a list of colours) and no colour bar for its colour map. Its colours carry values or
classes that nothing else on the figure decodes; give it a colour bar, or split it into one
scatter per class with its own marker.
"""

from __future__ import annotations

from itertools import count

import numpy as np
from matplotlib import colors as mcolors
from matplotlib.collections import Collection, LineCollection, PathCollection
from matplotlib.container import BarContainer, ErrorbarContainer, StemContainer
from matplotlib.lines import Line2D, _get_dash_pattern
from matplotlib.markers import MarkerStyle
from matplotlib.patches import Patch

__all__ = ["check_figure"]

_NAMED_DASHES = {"solid": "solid line", "dashed": "dashed line", "dashdot": "dash-dot line",
                 "dotted": "dotted line"}


def check_figure(fig) -> list[str]:
    """Every place in ``fig`` where two or more series differ only in colour, as sentences."""
    problems: list[str] = []
    reported: set = set()

    def report(where, group):
        labels = [s.label for s in group]
        key = (frozenset(labels), group[0].signature)
        if key in reported:          # the same series seen in its axes and again in its legend
            return
        reported.add(key)
        names = ", ".join(f"{s.label!r} ({s.colour})" for s in group[:-1])
        names += f" and {group[-1].label!r} ({group[-1].colour})"
        problems.append(f"{where}: {names} are told apart only by colour (all drawn as "
                        f"{_describe(group[0].signature)}); give each its own line style, "
                        f"marker or hatch")

    by_axes = {ax: _axes_series(ax) for ax in fig.axes}
    for ax, labelled in by_axes.items():
        where = _describe_axes(ax, fig)
        direct = {t.get_text().strip() for t in ax.texts if t.get_visible()}
        for group in _same_looking([s for s in labelled if s.label not in direct]):
            report(where, group)
        for coll in ax.collections:
            problem = _colour_coded_scatter(coll, fig)
            if problem:
                problems.append(f"{where}: {problem}")

    for legend, where in _legends(fig):
        # An entry stands for the labelled artist of that name (its own axes first); only a
        # proxy handle that no artist backs is judged by itself. (The handle of an error bar
        # or stem entry is just one part of the drawn symbol.)
        known = {}
        for ax in [legend.axes] + fig.axes if legend.axes is not None else fig.axes:
            for s in by_axes.get(ax, []):
                known.setdefault(s.label, s)
        background = _legend_background(legend, fig)
        series = []
        for handle, text in zip(legend.legend_handles, legend.texts):
            label = text.get_text()
            s = known.get(label) or _series(handle, label, background)
            if s is not None:
                series.append(s)
        for group in _same_looking(series):
            report(where, group)
    return problems


class _Series:
    def __init__(self, label, signature, colour):
        self.label, self.signature, self.colour = label, signature, colour


def _same_looking(series):
    """Groups of two or more series with identical non-colour features."""
    groups: dict = {}
    for s in series:
        groups.setdefault(s.signature, []).append(s)
    return [g for g in groups.values() if len(g) > 1]


def _axes_series(ax):
    background = ax.get_facecolor()
    candidates = list(ax.lines) + list(ax.collections) + list(ax.patches) + list(ax.containers)
    found = []
    for artist in candidates:
        label = artist.get_label()
        if not label or str(label).startswith("_"):
            continue
        s = _series(artist, str(label), background)
        if s is not None:
            found.append(s)
    return found


def _series(artist, label, background):
    """The non-colour look of one artist (or legend handle), or None if it is not a series."""
    if artist is None or (hasattr(artist, "get_visible") and not artist.get_visible()):
        return None
    if isinstance(artist, StemContainer):
        return _series(artist.markerline, label, background)
    if isinstance(artist, ErrorbarContainer):
        main = artist[0]                       # the data line
        if main is None:                       # errorbar(fmt="none"): only the error bars
            main = artist[2][0] if artist[2] else None
        return None if main is None else _series(main, label, background)
    if isinstance(artist, BarContainer):
        return _series(artist.patches[0], label, background) if artist.patches else None
    if isinstance(artist, Line2D):
        signature = ("line", _line_dash(artist), *_line_marker(artist, background))
        colour = artist.get_color()
    elif isinstance(artist, PathCollection):
        if artist.get_array() is not None:     # colour-mapped: see _colour_coded_scatter
            return None
        signature = ("line", "none", *_scatter_marker(artist, background))
        colour = _first(artist.get_facecolor()) or _first(artist.get_edgecolor())
    elif isinstance(artist, LineCollection):
        if artist.get_array() is not None:     # colour-mapped segments: colour is the value
            return None
        dash = _dash_key(_first(getattr(artist, "_us_linestyles", None) or artist.get_linestyle()))
        signature = ("line", dash if _first(artist.get_linewidth()) else "none", None, None)
        colour = _first(artist.get_color())
    elif isinstance(artist, Patch):
        signature = ("area", artist.get_hatch() or None, _edge_dash(artist),
                     "outline" if _transparent(artist.get_facecolor()) or not artist.get_fill()
                     else "filled")
        colour = artist.get_facecolor()
    elif isinstance(artist, Collection):
        if artist.get_array() is not None:     # pcolormesh, contour fills...: colour is the value
            return None
        dashes = getattr(artist, "_us_linestyles", None) or artist.get_linestyle()
        edge = (_dash_key(_first(dashes)) if _first(artist.get_linewidth())
                and not _transparent(_first(artist.get_edgecolor())) else "none")
        face = _first(artist.get_facecolor())
        signature = ("area", artist.get_hatch() or None, edge,
                     "outline" if face is None or _transparent(face) else "filled")
        colour = face if face is not None else _first(artist.get_edgecolor())
    else:
        return None
    if signature[0] == "line" and signature[1] == "none" and signature[2] is None:
        return None                            # no line and no marker: nothing is drawn
    return _Series(label, signature, _hex(colour))


def _line_dash(line):
    if line.get_linestyle() in ("None", "none", "", " ") or not line.get_linewidth():
        return "none"
    return _dash_key(getattr(line, "_unscaled_dash_pattern", None)
                     or _get_dash_pattern(line.get_linestyle()))


def _edge_dash(patch):
    if not patch.get_linewidth() or _transparent(patch.get_edgecolor()):
        return "none"
    return _dash_key(getattr(patch, "_unscaled_dash_pattern", None)
                     or _get_dash_pattern(patch.get_linestyle()))


def _dash_key(pattern):
    """'solid', 'dashed', 'dashdot', 'dotted' or the dash lengths; the offset does not count."""
    if pattern is None:
        return "solid"
    _, dashes = pattern
    if dashes is None or not len(dashes):
        return "solid"
    dashes = tuple(round(float(d), 3) for d in dashes)
    for name in ("dashed", "dashdot", "dotted"):
        named = _get_dash_pattern(name)[1]
        if named is not None and dashes == tuple(round(float(d), 3) for d in named):
            return name
    return dashes


def _line_marker(line, background):
    marker = MarkerStyle(line.get_marker())
    if marker.get_marker() in (None, "None", "none", "", " ") or not line.get_markersize():
        return None, None
    shape = _path_key(marker.get_path().transformed(marker.get_transform()))
    if not marker.is_filled():                 # x, +, |, 1, 2, ...: line art, no face to fill
        return shape, None
    hollow = (line.get_fillstyle() == "none" or _transparent(line.get_markerfacecolor())
              or _same_rgb(line.get_markerfacecolor(), background))
    return shape, "hollow" if hollow else line.get_fillstyle()


def _scatter_marker(coll, background):
    paths = coll.get_paths()
    if not len(paths) or not len(coll.get_sizes()) or not np.any(coll.get_sizes()):
        return None, None
    shape = _path_key(paths[0])
    if _MARKER_NAMES.get(shape) in _UNFILLED:
        return shape, None
    face = _first(coll.get_facecolor())
    hollow = face is None or _transparent(face) or _same_rgb(face, background)
    return shape, "hollow" if hollow else "full"


def _path_key(path):
    codes = None if path.codes is None else tuple(int(c) for c in path.codes)
    return (tuple(np.round(path.vertices, 4).ravel().tolist()), codes)


def _marker_names():
    names, unfilled = {}, set()
    for code in MarkerStyle.markers:
        if code in (None, "None", "none", "", " "):
            continue
        style = MarkerStyle(code)
        key = _path_key(style.get_path().transformed(style.get_transform()))
        names.setdefault(key, code)
        if not style.is_filled():
            unfilled.add(code)
    return names, unfilled


_MARKER_NAMES, _UNFILLED = _marker_names()


def _describe(signature):
    if signature[0] == "area":
        _, hatch, edge, fill = signature
        parts = ["filled area" if fill == "filled" else "outlined area",
                 f"hatch {hatch!r}" if hatch else "no hatch",
                 "no edge" if edge == "none" else f"{_describe_dash(edge)} edge"]
        return ", ".join(parts)
    _, dash, shape, fill = signature
    line = "no line" if dash == "none" else _describe_dash(dash) + " line"
    if shape is None:
        return f"{line}, no marker"
    name = _MARKER_NAMES.get(shape)
    marker = f"marker {name!r}" if name is not None else "the same custom marker"
    return f"{line}, {marker}" + (f" ({fill})" if fill and fill != "full" else "")


def _describe_dash(dash):
    if isinstance(dash, tuple):
        return "dashes " + "-".join(f"{d:g}" for d in dash)
    return _NAMED_DASHES.get(dash, dash).removesuffix(" line")


def _describe_axes(ax, fig):
    titles = [ax.get_title(loc) for loc in ("center", "left", "right")]
    title = " / ".join(t for t in titles if t)
    parts = [f"'{title}'"] if title else [f"#{fig.axes.index(ax) + 1} of {len(fig.axes)}"]
    labels = [f"x: '{ax.get_xlabel()}'" if ax.get_xlabel() else "",
              f"y: '{ax.get_ylabel()}'" if ax.get_ylabel() else ""]
    labels = [label for label in labels if label]
    if labels:
        parts.append("(" + ", ".join(labels) + ")")
    return "axes " + " ".join(parts)


def _legends(fig):
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is not None and legend.get_visible():
            yield legend, "legend of " + _describe_axes(ax, fig)
    for i, legend in zip(count(1), fig.legends):
        if legend.get_visible():
            title = fig.get_suptitle()
            yield legend, f"figure legend {i}" + (f" of '{title}'" if title else "")


def _legend_background(legend, fig):
    frame = legend.get_frame()
    if legend.get_frame_on() and not _transparent(frame.get_facecolor()):
        return frame.get_facecolor()
    parent = legend.axes
    return parent.get_facecolor() if parent is not None else fig.get_facecolor()


def _colour_coded_scatter(coll, fig):
    """A problem if one scatter's points have several colours and no colour bar reads them."""
    if not isinstance(coll, PathCollection) or not coll.get_visible():
        return None
    label = coll.get_label()
    name = f"scatter {label!r}" if label and not str(label).startswith("_") else "a scatter"
    values = coll.get_array()
    if values is not None:
        if np.unique(np.ma.compressed(np.ma.asarray(values))).size < 2 or _has_colorbar(coll, fig):
            return None
        return (f"{name} colours its points by value with the colour map "
                f"{coll.get_cmap().name!r} but has no colour bar; add one, or give each class "
                f"its own marker")
    faces = np.asarray(coll.get_facecolor())
    if faces.ndim == 2 and len(faces) > 1 and len(np.unique(np.round(faces, 3), axis=0)) > 1:
        return (f"{name} gives its points {len(np.unique(np.round(faces, 3), axis=0))} "
                f"different colours and nothing else tells them apart; plot one scatter per "
                f"class with its own marker")
    return None


def _has_colorbar(mappable, fig):
    if getattr(mappable, "colorbar", None) is not None:
        return True
    # A colour bar drawn for another mappable with the same colour map and limits reads it too.
    for ax in fig.axes:
        bar = getattr(ax, "_colorbar", None)
        if bar is None:
            continue
        if (bar.cmap.name == mappable.get_cmap().name
                and (bar.norm.vmin, bar.norm.vmax) == (mappable.norm.vmin, mappable.norm.vmax)):
            return True
    return False


def _first(values):
    """The first entry of a per-element property (colours, widths, dash patterns), or None."""
    if values is None or isinstance(values, str):
        return values
    if isinstance(values, np.ndarray):
        if values.size == 0:
            return None
        return tuple(values[0].tolist()) if values.ndim == 2 else values.ravel()[0].item()
    return values[0] if len(values) else None


def _transparent(colour):
    if colour is None:
        return True
    if isinstance(colour, str) and colour.lower() == "none":
        return True
    try:
        return mcolors.to_rgba(colour)[3] == 0
    except (TypeError, ValueError):
        return False


def _same_rgb(a, b):
    try:
        return np.allclose(mcolors.to_rgba(a)[:3], mcolors.to_rgba(b)[:3], atol=0.02)
    except (TypeError, ValueError):
        return False


def _hex(colour):
    try:
        return mcolors.to_hex(colour)
    except (TypeError, ValueError):
        return str(colour)
