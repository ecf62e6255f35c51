"""concord from Python: the analysis of a corpus root, or of claims already in a table.

``check`` and ``report`` return what ``concord check|report --format json`` prints, as Python
objects; ``reconcile`` reads claims from a list of dicts, a pandas or Polars DataFrame or a
pyarrow Table and returns the full report. ``findings_frame`` and ``groups_frame`` turn a report
into pandas DataFrames. Input errors raise ``InputError``.
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, List, Optional, Union

from . import _native

InputError = _native.InputError

#: The columns a table of claims may have; the first four are required.
CLAIM_COLUMNS = (
    "source", "subject", "property", "value",
    "kind", "unit", "when", "where", "evidence", "id",
)

PathLike = Union[str, "os.PathLike[str]"]


def check(root: PathLike, baseline: bool = True) -> Dict[str, Any]:
    """What ``concord check --format json ROOT`` prints (``baseline=False``: ``--no-baseline``).

    The corpus is read without the parse cache, so nothing is written under ``root``.
    """
    return json.loads(_native.analyse_corpus(os.fspath(root), baseline, False))


def report(root: PathLike, baseline: bool = True) -> Dict[str, Any]:
    """What ``concord report --format json ROOT`` prints: the findings, every fact group and
    each source's reliability."""
    return json.loads(_native.analyse_corpus(os.fspath(root), baseline, True))


def reconcile(claims: Any, registry: Optional[PathLike] = None) -> Dict[str, Any]:
    """The full report (as ``report``) on claims already in a table.

    ``claims`` is a list of dicts, or anything that exports an Arrow stream (a pyarrow Table,
    a Polars DataFrame) or a pandas DataFrame; its columns are those of ``CLAIM_COLUMNS``.
    ``registry`` is a registry YAML file (``entities``, ``properties``). Sources are named in the
    ``source`` column and get ids as ``concord import`` gives them. Findings are located at
    ``<claims>:ROW:COLUMN``, the row counted from 1 and the column from 1; an ``InputError``
    gives the row from 0 (as ``DataFrame.iloc``) and the column by name.
    """
    registry = None if registry is None else os.fspath(registry)
    if isinstance(claims, list):
        names, columns = _columns_of_records(claims)
        return json.loads(_native.reconcile_columns(names, columns, registry))
    return json.loads(_native.reconcile_arrow(_arrow_of(claims), registry))


def _columns_of_records(records: List[Dict[str, Any]]):
    """A list of dicts as column names (in the order first met) and their cells as text."""
    names: List[str] = []
    for record in records:
        if not isinstance(record, dict):
            raise TypeError(f"a claim must be a dict, not {type(record).__name__}")
        names.extend(k for k in record if k not in names)
    columns = [[_text(r.get(n)) for r in records] for n in names]
    return [str(n) for n in names], columns


def _text(cell: Any) -> Optional[str]:
    if cell is None or (isinstance(cell, float) and cell != cell):
        return None
    return cell if isinstance(cell, str) else str(cell)


def _arrow_of(data: Any) -> Any:
    """``data`` as an object with ``__arrow_c_stream__`` whose columns hold text."""
    try:
        import pyarrow as pa
    except ImportError:
        if hasattr(data, "__arrow_c_stream__"):
            return data
        raise TypeError(
            "reading a data frame needs pyarrow (pip install pyarrow), "
            "or pass the claims as a list of dicts"
        ) from None
    if hasattr(data, "to_arrow") and not isinstance(data, pa.Table):
        table = data.to_arrow()  # Polars
    elif _is_pandas(data):
        table = pa.Table.from_pandas(data, preserve_index=False)
    elif isinstance(data, pa.Table):
        table = data
    elif hasattr(data, "__arrow_c_stream__"):
        table = pa.table(data)
    else:
        raise TypeError(
            "claims must be a list of dicts, a pandas or Polars DataFrame or a pyarrow Table, "
            f"not {type(data).__name__}"
        )
    text = {pa.string(), pa.large_string(), pa.null()}
    if hasattr(pa, "string_view"):
        text.add(pa.string_view())
    columns = [
        c if c.type in text else c.cast(pa.string()) for c in table.columns
    ]
    return pa.Table.from_arrays(columns, names=table.column_names)


def _is_pandas(data: Any) -> bool:
    module = type(data).__module__
    return module.startswith("pandas") and hasattr(data, "columns")


def findings_frame(report: Dict[str, Any]):
    """The report's findings as a pandas DataFrame: one row per finding and variant (code,
    severity, fingerprint, message, subject, property, variant, sources, locations as
    ``file:line:column``, suggestion, confidence, reviewed)."""
    import pandas as pd

    rows = []
    for f in report["findings"]:
        suggestion = f.get("suggestion") or {}
        for v in f["variants"] or [{"text": None, "sources": [], "locations": []}]:
            rows.append({
                "code": f["code"],
                "severity": f["severity"],
                "fingerprint": f["fingerprint"],
                "message": f["message"],
                "subject": f.get("subject"),
                "property": f.get("property"),
                "variant": v["text"],
                "sources": v["sources"],
                "locations": [f"{l['file']}:{l['line']}:{l['column']}" for l in v["locations"]],
                "suggestion": suggestion.get("text"),
                "confidence": suggestion.get("confidence"),
                "reviewed": f["reviewed"],
            })
    return pd.DataFrame(rows, columns=[
        "code", "severity", "fingerprint", "message", "subject", "property", "variant",
        "sources", "locations", "suggestion", "confidence", "reviewed",
    ])


def groups_frame(report: Dict[str, Any]):
    """The fact groups of a full report (``report``, ``reconcile``) as a pandas DataFrame: one
    row per group and value (subject, property, when, where, value, sources, suggestion,
    confidence, findings)."""
    import pandas as pd

    if report.get("groups") is None:
        raise ValueError("this report has no groups: use report() or reconcile(), not check()")
    rows = []
    for g in report["groups"]:
        suggestion = g.get("suggestion") or {}
        for v in g["values"]:
            rows.append({
                "subject": g["subject"],
                "property": g["property"],
                "when": g.get("when"),
                "where": g.get("where"),
                "value": v["text"],
                "sources": v["sources"],
                "suggestion": suggestion.get("text"),
                "confidence": suggestion.get("confidence"),
                "findings": g["findings"],
            })
    return pd.DataFrame(rows, columns=[
        "subject", "property", "when", "where", "value", "sources", "suggestion",
        "confidence", "findings",
    ])


__all__ = [
    "CLAIM_COLUMNS", "InputError", "check", "findings_frame", "groups_frame", "reconcile",
    "report",
]
