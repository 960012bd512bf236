import sys

from sendscrape.cli import main

if __name__ == "__main__":
    sys.exit(main())
