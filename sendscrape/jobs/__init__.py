"""The nightly scrape and refresh: crawl, store, parse in a worker pool, write the dataset."""
