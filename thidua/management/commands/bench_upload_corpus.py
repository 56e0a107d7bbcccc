"""CPU time of the hostile upload corpus through our readers, next to the naive reader's.

The corpus is the one the tests run (tests/thidua/corpus.py, built at run time; this command
needs a checkout with the tests). Each file goes through what its upload endpoint calls:

- spreadsheets: the registration import (``campaigns.imports.read_sheet``) and the admin's
  import format (``thidua.core.admin_imports.BoundedXLSX``); the naive reader is
  ``openpyxl.load_workbook(read_only=True)`` reading every row of every sheet, as
  django-import-export's own XLSX format and the former registration reader did;
- documents (dossier upload): ``thidua.core.uploads.validate_upload``;
- images (certificate blank): ``thidua.core.uploads.validate_image``; the naive path is
  Pillow decoding the image, as printing a sample did.

The naive reader runs in a child process with ``--naive-timeout`` seconds of wall time (a
runaway file shows as "> N s"); its CPU time is the child's, less an empty interpreter's.
Nothing is written to the database.
"""

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError

from campaigns.imports import COLUMNS, read_sheet
from thidua.core.admin_imports import BoundedXLSX
from thidua.core.uploads import validate_image, validate_upload

NAIVE = {
    "spreadsheet": (
        "import sys, openpyxl\n"
        "book = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)\n"
        "for sheet in book.worksheets:\n"
        "    for row in sheet.iter_rows(values_only=True):\n"
        "        pass\n"
    ),
    "image": (
        "import sys\nfrom PIL import Image\nImage.MAX_IMAGE_PIXELS = None\n"
        "Image.open(sys.argv[1]).load()\n"
    ),
}
TARGET = 2.0  # seconds of CPU an upload under the size limit may cost


def _cpu(function) -> tuple[float, str]:
    start = time.process_time()
    try:
        function()
        outcome = "nhận"
    except ValidationError as error:
        outcome = " ".join(error.messages)
    return time.process_time() - start, outcome


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _child(script: str, path: str, timeout: float) -> float | None:
    before = _children_cpu()
    try:
        subprocess.run(
            [sys.executable, "-c", script, path],
            timeout=timeout,
            capture_output=True,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None
    return _children_cpu() - before


class Command(BaseCommand):
    help = "CPU time of the hostile upload corpus: our readers vs the naive reader."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="padding size factor")
        parser.add_argument("--naive-timeout", type=float, default=60.0)
        parser.add_argument("--no-naive", action="store_true", help="skip the naive reader")

    def handle(self, *args, scale, naive_timeout, no_naive, **options):
        try:
            from tests.thidua import corpus  # noqa: PLC0415 - the corpus lives with the tests
        except ImportError as error:
            raise CommandError(
                "tests/thidua/corpus.py is needed (a checkout with tests)"
            ) from error
        samples = [
            *corpus.spreadsheets(header=list(COLUMNS.values()), scale=scale),
            *corpus.documents(),
            *corpus.images(),
        ]
        baseline = 0.0 if no_naive else (_child("pass", "", naive_timeout) or 0.0)
        self.stdout.write(
            f"{'file':<28} {'size':>9}  {'ours (CPU s)':>12}  {'naive (CPU s)':>13}  outcome"
        )
        worst = 0.0
        with tempfile.TemporaryDirectory() as folder:
            for sample in samples:
                ours, outcome = self._ours(sample)
                worst = max(worst, ours)
                naive = "–"
                if not no_naive and sample.kind in NAIVE:
                    path = Path(folder) / sample.filename
                    path.write_bytes(sample.content)
                    spent = _child(NAIVE[sample.kind], str(path), naive_timeout)
                    naive = f"> {naive_timeout:.0f}" if spent is None else f"{spent - baseline:.3f}"
                self.stdout.write(
                    f"{sample.name:<28} {len(sample.content):>9,}  {ours:>12.3f}  {naive:>13}  "
                    f"{outcome[:70]}"
                )
        verdict = "within" if worst <= TARGET else "OVER"
        self.stdout.write(f"worst: {worst:.3f} s of CPU, {verdict} the {TARGET:.0f} s target")

    def _ours(self, sample) -> tuple[float, str]:
        def upload():
            return SimpleUploadedFile(sample.filename, sample.content)

        if sample.kind == "spreadsheet":
            registration = _cpu(lambda: read_sheet(upload()))
            admin = _cpu(lambda: BoundedXLSX().create_dataset(sample.content))
            return max(registration[0], admin[0]), registration[1]
        if sample.kind == "image":
            return _cpu(lambda: validate_image(upload()))
        return _cpu(lambda: validate_upload(upload()))
