"""The Postfix configuration that puts `aupguard mail serve` in the mail flow.

This is FILTER_README's "advanced content filter" setup, as Amavis uses it: every
message Postfix receives goes to the `aupguard` transport (an smtp client talking to
the filter), and the filter hands what it lets through to a second smtpd on another
loopback port that has no content filter, so nothing is checked twice. The end-to-end
tests configure their Postfix from exactly this text.
"""

from __future__ import annotations

TRANSPORT = "aupguard"


def master_cf(listen: tuple[str, int], reinject: tuple[str, int], maxproc: int = 2) -> str:
    """The two master.cf entries."""
    rhost, rport = reinject
    return f"""\
# --- aupguard mail gateway (add to master.cf) ---
# The smtp client that hands each message to `aupguard mail serve` on {listen[0]}:{listen[1]}.
# maxproc ({maxproc}) is how many messages are checked at once: about one per CPU core.
# XFORWARD passes the original client and queue id on, for the logs.
{TRANSPORT}  unix  -       -       n       -       {maxproc}       smtp
    -o smtp_data_done_timeout=1200
    -o smtp_send_xforward_command=yes
    -o disable_mime_output_conversion=yes
    -o smtp_generic_maps=
    -o smtp_tls_security_level=none
# The smtpd the filter hands checked mail back to: no content filter here (or mail
# would loop), no second round of header/body checks, milters or address mappings.
{rhost}:{rport} inet  n       -       n       -       -       smtpd
    -o content_filter=
    -o receive_override_options=no_unknown_recipient_checks,no_header_body_checks,no_milters
    -o smtpd_helo_restrictions=
    -o smtpd_client_restrictions=
    -o smtpd_sender_restrictions=
    -o smtpd_relay_restrictions=
    -o smtpd_recipient_restrictions=permit_mynetworks,reject
    -o smtpd_data_restrictions=
    -o smtpd_end_of_data_restrictions=
    -o mynetworks=127.0.0.0/8
    -o smtpd_authorized_xforward_hosts=127.0.0.0/8
    -o smtpd_error_sleep_time=0
    -o smtpd_soft_error_limit=1001
    -o smtpd_hard_error_limit=1000
    -o smtpd_client_connection_count_limit=0
    -o smtpd_client_connection_rate_limit=0
    -o smtpd_tls_security_level=none
"""


def main_cf(listen: tuple[str, int]) -> str:
    """The main.cf lines."""
    host, port = listen
    return f"""\
# --- aupguard mail gateway (add to main.cf) ---
# Every message Postfix receives goes through the filter once.
content_filter = {TRANSPORT}:[{host}]:{port}
# Address mappings (virtual aliases, canonical maps) happen once, after the filter,
# when the checked message comes back in on the second smtpd.
receive_override_options = no_address_mappings
# Give the filter every recipient of a message in one go (the default, 50, would split
# a large mailing into pieces checked one by one, and the bulk-mail limit would see
# only a piece).
{TRANSPORT}_destination_recipient_limit = 1000
"""


def postfix_config(listen: tuple[str, int], reinject: tuple[str, int],
                   maxproc: int = 2) -> str:
    """Both parts, as `aupguard mail postfix-config` prints them."""
    return (f"{main_cf(listen)}\n{master_cf(listen, reinject, maxproc)}\n"
            "# Then: postfix check && postfix reload\n")


def split_config(text: str) -> tuple[str, str]:
    """(main.cf part, master.cf part) of `postfix_config` output."""
    marker = "# --- aupguard mail gateway (add to master.cf) ---"
    main, _, master = text.partition(marker)
    return main, marker + master
