import sys

from lsgdash.cli import main

sys.exit(main())
