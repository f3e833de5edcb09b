def tel_uri(phone):
    """A phone number for a tel: link: its digits, with the leading + of an international number."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return f"+{digits}" if phone.strip().startswith("+") else digits
