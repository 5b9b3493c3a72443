"""askcorpus: local, private question answering over a document corpus, with verified citations."""

__version__ = "0.1.0"
