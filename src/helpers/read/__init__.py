"""Reading articles: decoding, HTML to text, manifests, folders."""
