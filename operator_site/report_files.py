"""Writing command reports: CSV and JSON side by side, and a text table."""

import csv
import json
from decimal import Decimal
from pathlib import Path


def report_write(
    directory: str, stem: str, rows: list[dict], summary: dict
) -> list[Path]:
    """``<stem>.csv`` (the rows) and ``<stem>.json`` (summary + rows)."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    csv_path, json_path = folder / f"{stem}.csv", folder / f"{stem}.json"
    columns = list(rows[0]) if rows else []
    with csv_path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    json_path.write_text(
        json.dumps({"summary": summary, "rows": rows}, indent=2, default=_plain) + "\n"
    )
    return [csv_path, json_path]


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def table_format(rows: list[dict], columns: list[str]) -> str:
    """A fixed-width text table; numbers right-aligned."""
    cells = [[str(row.get(c, "")) for c in columns] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]

    def line(values):
        return "  ".join(
            v.rjust(w) if _numeric(v) else v.ljust(w)
            for v, w in zip(values, widths, strict=True)
        )

    return "\n".join(
        [line(columns), line(["-" * w for w in widths]), *(line(r) for r in cells)]
    )


def _numeric(text: str) -> bool:
    return text.replace("-", "", 1).replace(".", "", 1).replace(",", "").isdigit()
