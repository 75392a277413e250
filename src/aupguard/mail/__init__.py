"""Mail: reading whole email messages so the policy checker can judge them.

This package turns raw RFC 5322 bytes into what the core checker understands: the text
of every part a reader could see (text/plain, text/html, the text inside PDF, DOCX,
XLSX, ODT and other attachments, archives walked within limits), attachment types found
from their content rather than their names, and a list of the structural problems that
mean a message "could not be checked" and must be held rather than delivered unchecked.

`check_mail` (in `aupguard.mail.checkmail`) is the pure entry point the SMTP gateway and
the stored-mail audit build on. The core never imports this package.
"""
