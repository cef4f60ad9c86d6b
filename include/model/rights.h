/* Who may do what: decided here, in the model, and asked by the server for
 * every request, so a screen that forgot a check still cannot show or
 * change what the role may not. */
#ifndef MODEL_RIGHTS_H
#define MODEL_RIGHTS_H

#include <stdbool.h>

#include "model/config.h"
#include "model/offer.h"

/* The offers directory is no personal data: every role but controlling
 * (aggregates only) and admin (no content) reads it. */
bool rights_offer_read(const struct cfg_staff *who);

/* One offer: provider staff see only their own provider's offers (the
 * role sees only what belongs to its provider). */
bool rights_offer_see(const struct config *config, const struct cfg_staff *who,
                      const struct offer *offer);
/* Changing an offer: the head of office everywhere; team leads and
 * caseworkers in their team's districts; provider staff for their own
 * provider's offers. */
bool rights_offer_write(const struct config *config, const struct cfg_staff *who,
                        const struct offer *offer);

/* Locks, audit log, backup, verify: the technical admin only. */
bool rights_admin(const struct cfg_staff *who);

#endif
