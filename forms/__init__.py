"""nianbao core: form definitions, the document, validation, xlsx, PDF and CLI — no Qt."""
