"""Comment threads where the steering group looks, and its review marks on the matrix."""
