#!/usr/bin/env python3
"""The seed's integration pattern as a load client: one httpx.AsyncClient per provider with an
auth header and a 30 s timeout, IntegrationError/RateLimitError on HTTP errors, and tenacity
retries (3 attempts, exponential wait 2-10 s). Prints key=value results like bench-http-core."""
import argparse
import asyncio
import time

import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential


class IntegrationError(Exception):
    pass


class RateLimitError(IntegrationError):
    pass


class Client:
    def __init__(self, base_url, header):
        name, value = header.split(":", 1)
        self.http = httpx.AsyncClient(base_url=base_url, headers={name: value.strip()}, timeout=30.0,
                                      limits=httpx.Limits(max_connections=100, max_keepalive_connections=100))

    @retry(stop=stop_after_attempt(3), wait=wait_exponential(min=2, max=10),
           retry=retry_if_exception_type(httpx.TransportError), reraise=True)
    async def get(self, path):
        response = await self.http.get(path)
        if response.status_code == 429:
            raise RateLimitError(response.text)
        if response.status_code >= 400:
            raise IntegrationError(f"HTTP {response.status_code}: {response.text}")
        return response.json()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--header", required=True)
    parser.add_argument("--requests", type=int, default=20000)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    url = httpx.URL(args.url)
    client = Client(f"{url.scheme}://{url.host}:{url.port}", args.header)
    remaining = args.requests
    tally = {"ok": 0, "failed": 0}

    async def worker():
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            try:
                await client.get(url.raw_path.decode())
                tally["ok"] += 1
            except IntegrationError:
                tally["failed"] += 1

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(args.concurrency)))
    elapsed = time.perf_counter() - start
    await client.http.aclose()
    print(f"requests={args.requests} ok={tally['ok']} rate_limited=0 failed={tally['failed']} "
          f"seconds={elapsed:.3f} req_per_s={args.requests / elapsed:.1f}")


asyncio.run(main())
