-- Version 2: the outbox keeps its sent rows as history; finding the oldest pending one should not
-- walk them. A partial index holds only the pending rows, in FIFO (id) order.
CREATE INDEX outbox_pending ON outbox(id) WHERE state = 'pending';
