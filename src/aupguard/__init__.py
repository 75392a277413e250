"""aupguard: a council's social media, internet and email policy, enforced before send."""

from aupguard.model import Action, Attachment, Author, Finding, Message, Remedy, Verdict

__version__ = "0.1.0"

__all__ = ["Action", "Attachment", "Author", "Finding", "Message", "Remedy", "Verdict"]
