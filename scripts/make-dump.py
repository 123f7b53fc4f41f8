#!/usr/bin/env python3
"""Generate large batch inputs (JSON Lines and WARC) from a folder of HTML pages.

The pages are repeated, each copy with its own id/URL, until the dump holds at
least --size bytes of documents. Used to measure the memory and speed of
`extract` on dumps far larger than memory should allow. Never commit the output.

    python3 scripts/make-dump.py --pages ../shared/benchmarks/scrapinghub/html \
        --out /tmp/claims-dump --size 1G --formats jsonl,warc,warc.gz

Writes OUT/dump.jsonl, OUT/dump.warc, OUT/dump.warc.gz (one gzip member per
record, as crawlers write them). WARC responses alternate between plain and
chunked transfer encoding; request and metadata records sit between them, as
in a real crawl.
"""
import argparse
import gzip
import json
import os
import sys
import uuid


def parse_size(text):
    text = text.strip().lower()
    for suffix, shift in (("g", 30), ("m", 20), ("k", 10)):
        if text.endswith(suffix):
            return int(float(text[:-1]) * (1 << shift))
    return int(text)


def warc_record(kind, uri, block, content_type, date="2024-01-01T00:00:00Z"):
    header = [
        "WARC/1.0",
        f"WARC-Type: {kind}",
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>",
        f"WARC-Date: {date}",
    ]
    if uri:
        header.append(f"WARC-Target-URI: {uri}")
    header.append(f"Content-Type: {content_type}")
    header.append(f"Content-Length: {len(block)}")
    return ("\r\n".join(header) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def chunked(body, size=8192):
    out = bytearray()
    for i in range(0, len(body), size):
        piece = body[i:i + size]
        out += f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    out += b"0\r\n\r\n"
    return bytes(out)


def response_block(body, use_chunked):
    headers = ["HTTP/1.1 200 OK", "Content-Type: text/html; charset=utf-8", "Server: test"]
    if use_chunked:
        headers.append("Transfer-Encoding: chunked")
        payload = chunked(body)
    else:
        headers.append(f"Content-Length: {len(body)}")
        payload = body
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + payload


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", required=True, help="folder of .html files")
    ap.add_argument("--out", required=True, help="output folder (created)")
    ap.add_argument("--size", default="1G", help="document bytes per dump (suffix k, M, G)")
    ap.add_argument("--formats", default="jsonl,warc,warc.gz", help="comma-separated: jsonl, warc, warc.gz")
    args = ap.parse_args()

    names = sorted(n for n in os.listdir(args.pages) if n.endswith(".html"))
    pages = []
    for n in names:
        with open(os.path.join(args.pages, n), "rb") as f:
            pages.append((n, f.read()))
    if not pages:
        sys.exit("no .html pages in " + args.pages)
    target = parse_size(args.size)
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    os.makedirs(args.out, exist_ok=True)

    for fmt in formats:
        path = os.path.join(args.out, "dump." + fmt)
        written = 0
        count = 0
        with open(path, "wb") as out:
            if fmt.startswith("warc"):
                info = warc_record("warcinfo", None, b"software: make-dump.py\r\nformat: WARC File Format 1.0\r\n",
                                   "application/warc-fields")
                out.write(gzip.compress(info, 6) if fmt == "warc.gz" else info)
            while written < target:
                name, body = pages[count % len(pages)]
                copy = count // len(pages)
                url = f"https://news.example.org/{copy}/{name}"
                if fmt == "jsonl":
                    record = {"id": f"{copy}/{name}", "url": url, "html": body.decode("utf-8", "replace")}
                    out.write(json.dumps(record, ensure_ascii=False).encode() + b"\n")
                else:
                    request = warc_record("request", url, f"GET /{copy}/{name} HTTP/1.1\r\nHost: news.example.org\r\n\r\n".encode(),
                                          "application/http; msgtype=request")
                    response = warc_record("response", url, response_block(body, count % 2 == 1),
                                           "application/http; msgtype=response")
                    metadata = warc_record("metadata", url, b"fetchTimeMs: 120\r\n", "application/warc-fields")
                    for rec in (request, response, metadata):
                        out.write(gzip.compress(rec, 6) if fmt == "warc.gz" else rec)
                written += len(body)
                count += 1
        print(f"{path}: {count} documents, {written / 1e6:.1f} MB of pages, {os.path.getsize(path) / 1e6:.1f} MB on disk")


if __name__ == "__main__":
    main()
