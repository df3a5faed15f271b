"""The gRPC layer: servicers translate protobuf to the domain core; interceptors do the rest."""
