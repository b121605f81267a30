"""Long-lived HTML → tagged PDF (PDF/UA-1) renderer for the documents service, driven over stdin/stdout.

Request: 4-byte big-endian length, then that many bytes of UTF-8 HTML.
Answer: one status byte (0 = PDF follows, 1 = error name follows), a 4-byte big-endian length, the bytes.
Fonts and fonts only may be read from the folder given as the first argument; nothing is fetched from the
network, so a document can never make the service call out. An image whose address is `qr:` followed by a
percent-encoded text is that text's QR code, drawn here as SVG (segno).
"""
import logging
import os
import struct
import sys
import urllib.parse

import segno

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

ASSETS = os.path.realpath(sys.argv[1]) if len(sys.argv) > 1 else None


class LocalAssetsOnly(URLFetcher):
    def fetch(self, url, headers=None):
        if url.startswith("qr:"):
            svg = segno.make(urllib.parse.unquote(url[len("qr:"):]), error="m").svg_inline(scale=4, border=2)
            return URLFetcherResponse(url, body=svg.encode(), headers={"Content-Type": "image/svg+xml"})
        if ASSETS and url.startswith("file://"):
            path = os.path.realpath(url[len("file://"):].split("?")[0])
            if path.startswith(ASSETS + os.sep):
                return super().fetch(url, headers)
        raise ValueError("resource outside the assets folder")


def read_exactly(stream, count):
    data = b""
    while len(data) < count:
        chunk = stream.read(count - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def main():
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    fonts = FontConfiguration()
    fetcher = LocalAssetsOnly(allowed_protocols=["file", "qr"])
    base_url = "file://" + ASSETS + "/" if ASSETS else None
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    while True:
        header = read_exactly(source, 4)
        if header is None:
            return
        html = read_exactly(source, struct.unpack(">I", header)[0])
        if html is None:
            return
        try:
            document = HTML(string=html.decode("utf-8"), base_url=base_url, url_fetcher=fetcher)
            status, payload = 0, document.write_pdf(pdf_variant="pdf/ua-1", font_config=fonts)
        except Exception as error:  # the caller logs the name; the document's content never leaves here
            status, payload = 1, type(error).__name__.encode()
        sink.write(bytes([status]) + struct.pack(">I", len(payload)) + payload)
        sink.flush()


if __name__ == "__main__":
    main()
