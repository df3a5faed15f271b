"""One servicer per service; each translates protobuf to the domain core and back."""
