import os
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import pandas

PathLike = Union[str, os.PathLike[str]]
#: A report as `concord check|report --format json` prints it (see the CLI's JSON document).
Report = Dict[str, Any]

CLAIM_COLUMNS: Tuple[str, ...]

class InputError(ValueError):
    """The input cannot be read. `str(error)` is what the CLI prints; `errors` lists every
    problem; the attributes give the first."""

    errors: List[Dict[str, Any]]
    #: The file, or None for a cell of a table of claims.
    file: Optional[str]
    #: 1-based line in `file`; None for a problem with a whole file or table.
    line: Optional[int]
    #: 1-based column in `file`, or the column's name in a table of claims.
    column: Union[int, str, None]
    #: 0-based row of a table of claims, as `DataFrame.iloc` counts.
    row: Optional[int]
    message: str
    help: Optional[str]

def check(root: PathLike, baseline: bool = True) -> Report: ...
def report(root: PathLike, baseline: bool = True) -> Report: ...
def reconcile(
    claims: Union[Sequence[Dict[str, Any]], Any], registry: Optional[PathLike] = None
) -> Report: ...
def findings_frame(report: Report) -> pandas.DataFrame: ...
def groups_frame(report: Report) -> pandas.DataFrame: ...
