"""The marketplace client: one httpx.AsyncClient, typed replies, retries, the event stream. No Qt."""
