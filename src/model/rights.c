#include <string.h>

#include "model/rights.h"

bool rights_offer_read(const struct cfg_staff *who)
{
	return who->role != ROLE_CONTROLLING && who->role != ROLE_ADMIN;
}

static bool own_provider(const struct config *config, const struct cfg_staff *who,
                         const struct offer *offer)
{
	return who->provider >= 0 &&
	       strcmp(config->providers[who->provider].id, offer->provider) == 0;
}

bool rights_offer_see(const struct config *config, const struct cfg_staff *who,
                      const struct offer *offer)
{
	if (!rights_offer_read(who))
		return false;
	return who->role != ROLE_TRAEGER || own_provider(config, who, offer);
}

static bool team_has_district(const struct config *config, int team, const char *district)
{
	int d = config_find_district(config, district);

	if (team < 0 || d < 0)
		return false;
	for (size_t i = 0; i < config->teams[team].ndistricts; i++)
		if (config->teams[team].districts[i] == d)
			return true;
	return false;
}

bool rights_offer_write(const struct config *config, const struct cfg_staff *who,
                        const struct offer *offer)
{
	switch (who->role) {
	case ROLE_AMTSLEITUNG:
		return true;
	case ROLE_TEAMLEITUNG:
	case ROLE_FACHKRAFT:
		return team_has_district(config, who->team, offer->district);
	case ROLE_TRAEGER:
		return own_provider(config, who, offer);
	default:
		return false;
	}
}

bool rights_admin(const struct cfg_staff *who)
{
	return who->role == ROLE_ADMIN;
}
