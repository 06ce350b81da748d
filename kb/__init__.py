"""kb: a terminal knowledge base of public-sector planning commitments.

Pipeline: sources (text, PDF) -> layout (blocks, sections) -> extract (commitments, dates, owners)
-> store (SQLite) -> export; the CLI and the terminal app sit on kb.api.
"""

import os

# kb's numerical work is matrix-vector products over a few thousand rows (a passage's meaning
# against every other's): BLAS threads cost more to wake than such a product takes, and on a busy
# machine they wait for cores (a trace took twice the CPU time with them).  Set before numpy is
# first imported; a value the user set is kept.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

__version__ = "0.1.0"
