import sys

from sendscrape.cli import main

sys.exit(main())
