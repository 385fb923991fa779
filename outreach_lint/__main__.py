import os
import sys

# `python -m outreach_lint` puts the working directory first on sys.path: in someone else's checkout, a
# folder there named like spaCy, a model or any module imported later would run. Only the environment counts.
if sys.path and sys.path[0] in ("", ".", os.getcwd()):
    del sys.path[0]

from outreach_lint.cli import main

if __name__ == "__main__":  # a spawned --jobs worker imports this module again, as __mp_main__: no second run
    main()
