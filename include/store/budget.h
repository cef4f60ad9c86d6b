/* The budget's aggregates kept by the store (model/budget.h): the write
 * hook that moves them with every record that moves them, and their
 * recomputation for verify. */
#ifndef STORE_BUDGET_H
#define STORE_BUDGET_H

#include <stdio.h>

#include "store/store.h"

/* A store_hook_fn; CTX is a const struct config ** (the configuration in
 * force, which a reload replaces). A measure's commitments follow every
 * save of it and every decision on it; the figures follow them. */
enum status budget_hook(void *ctx, struct store_txn *txn, const struct record_def *def,
                        const void *old, const void *new);
/* A store_end_fn: a transaction's bookings move their commitments and
 * figures once, when it commits (budget_hook keeps them until then). */
enum status budget_end(void *ctx, struct store_txn *txn, bool commit);

/* The configuration this thread's writes use (a worker's job's), or NULL:
 * the hook's. */
void budget_use_config(const struct config *config);

/* Recomputes every commitment and figure from the measures and their
 * decisions in TXN and prints each difference to the cent to OUT, a line
 * each; *PROBLEMS counts them. */
enum status budget_verify(struct store_txn *txn, const struct config *config, FILE *out,
                          unsigned long *problems);

#endif
