#!/usr/bin/python3
"""A real SMTP server for tests, built on aiosmtpd (Debian: python3-aiosmtpd).

Usage: smtp_server.py PORT DIRECTORY [--reject-recipients REGEX]
                      [--tempfail-recipients REGEX] [--auth USER:PASSWORD]

Listens on 127.0.0.1:PORT and writes each accepted message to DIRECTORY as
000001.eml, 000002.eml, ... in order of arrival. A file appears complete or not
at all (written to a dot-file, then renamed). Each file starts with
"X-Envelope-From: <sender>" and "X-Envelope-To: <rcpt>[, <rcpt>...]" lines
followed by the message exactly as received (CRLF line endings kept).

Recipients matching --reject-recipients (re.search) are refused with 550, so
tests can exercise permanent failures; those matching --tempfail-recipients
with 451, a temporary one. With --auth the server requires AUTH (PLAIN or
LOGIN, over plain text) with that user and password and answers anything else
with 535 5.7.8, as a server does when crm's SMTP password is wrong.

Prints "ready" on stdout once listening; runs until SIGTERM or SIGINT, then
exits 0. Exits non-zero when it cannot listen (e.g. the port is taken).
"""

import argparse
import os
import re
import signal
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Store:
    def __init__(self, directory, reject, tempfail):
        self.directory = directory
        self.reject = reject
        self.tempfail = tempfail
        self.count = 0  # handlers run on the controller's single loop thread

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.reject is not None and self.reject.search(address):
            return "550 5.1.1 <%s>: recipient rejected (test server)" % address
        if self.tempfail is not None and self.tempfail.search(address):
            return "451 4.3.0 <%s>: try again later (test server)" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = "%06d.eml" % self.count
        head = "X-Envelope-From: <%s>\r\nX-Envelope-To: %s\r\n" % (
            envelope.mail_from,
            ", ".join("<%s>" % r for r in envelope.rcpt_tos),
        )
        tmp = os.path.join(self.directory, "." + name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(head.encode("utf-8", "surrogateescape"))
            f.write(envelope.original_content)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, os.path.join(self.directory, name))
        return "250 2.0.0 Ok: queued as %s" % name


class Authenticator:
    def __init__(self, user, password):
        self.user = user.encode()
        self.password = password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login == self.user
              and auth_data.password == self.password)
        return AuthResult(success=ok, handled=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("port", type=int)
    parser.add_argument("directory")
    parser.add_argument("--reject-recipients", metavar="REGEX", default=None)
    parser.add_argument("--tempfail-recipients", metavar="REGEX", default=None)
    parser.add_argument("--auth", metavar="USER:PASSWORD", default=None)
    args = parser.parse_args()

    reject = re.compile(args.reject_recipients) if args.reject_recipients else None
    tempfail = re.compile(args.tempfail_recipients) if args.tempfail_recipients else None
    auth = {}
    if args.auth:
        user, _, password = args.auth.partition(":")
        auth = dict(authenticator=Authenticator(user, password), auth_required=True,
                    auth_require_tls=False)
    os.makedirs(args.directory, exist_ok=True)

    # Block the signals before the controller's thread starts (it inherits the
    # mask), so that only sigwait() below sees them.
    signals = {signal.SIGTERM, signal.SIGINT}
    signal.pthread_sigmask(signal.SIG_BLOCK, signals)

    controller = Controller(
        Store(args.directory, reject, tempfail),
        hostname="127.0.0.1",
        port=args.port,
        decode_data=False,
        enable_SMTPUTF8=True,
        **auth,
    )
    try:
        controller.start()
    except Exception as e:  # bind failure, typically
        print("smtp_server.py: cannot listen on 127.0.0.1:%d: %s" % (args.port, e),
              file=sys.stderr)
        return 1
    print("ready", flush=True)

    signal.sigwait(signals)
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
