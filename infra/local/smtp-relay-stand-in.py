#!/usr/bin/env python3
"""A stand-in for a real mail relay, for the SMTP client's tests: aiosmtpd with STARTTLS required,
AUTH (PLAIN and LOGIN, or only those given) required over TLS, PIPELINING advertised, and the first N
messages answered 451 before the others are accepted, or only the Nth one (once), and recipients of one domain refused
for good (550, quoting the address as relays do). Each accepted message is written to OUT as
<n>.eml, with <n>.json telling the envelope, the login and whether TLS was on.

Usage: smtp-relay-stand-in.py --port P --cert CERT --key KEY --user U --password PW --out DIR
                              [--mechanisms PLAIN,LOGIN] [--fail-first N] [--fail-at N] [--refuse-domain D]"""
import argparse
import json
import ssl
import time
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Relay:
    def __init__(self, out, fail_first, fail_at, refuse_domain):
        self.out = out
        self.refuse_domain = refuse_domain
        self.fail_first = fail_first
        self.fail_at = fail_at
        self.attempts = 0
        self.count = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        return responses[:-1] + ["250-PIPELINING", responses[-1]]

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse_domain and address.lower().endswith("@" + self.refuse_domain):
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.attempts += 1
        if self.attempts == self.fail_at:
            return "451 4.3.0 Temporary failure, try again later"
        if self.fail_first > 0:
            self.fail_first -= 1
            return "451 4.3.0 Temporary failure, try again later"
        self.count += 1
        (self.out / f"{self.count}.eml").write_bytes(envelope.original_content)
        login = session.auth_data.login.decode() if session.auth_data else None
        details = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos, "login": login,
                   "tls": session.ssl is not None}
        (self.out / f"{self.count}.json").write_text(json.dumps(details))
        return "250 2.0.0 Accepted"


def main():
    parser = argparse.ArgumentParser()
    for name in ("--port", "--cert", "--key", "--user", "--password", "--out"):
        parser.add_argument(name, required=True)
    parser.add_argument("--mechanisms", default="PLAIN,LOGIN")
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--fail-at", type=int, default=0)
    parser.add_argument("--refuse-domain", default="")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login == args.user.encode() and auth_data.password == args.password.encode()
        # handled=False: aiosmtpd then answers 535 itself.
        return AuthResult(success=ok, auth_data=auth_data, handled=False)

    wanted = set(args.mechanisms.split(","))
    controller = Controller(
        Relay(out, args.fail_first, args.fail_at, args.refuse_domain.lower()), hostname="127.0.0.1", port=int(args.port), server_hostname="localhost",
        tls_context=context, require_starttls=True, auth_required=True, auth_require_tls=True,
        authenticator=authenticate, auth_exclude_mechanism=[m for m in ("PLAIN", "LOGIN") if m not in wanted],
        ready_timeout=10)
    controller.start()
    (out / "ready").write_text("ok")
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
