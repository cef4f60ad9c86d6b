/* The street directory: which district a street and house number lie in.
 *
 * Each line of the directory names a street, its district and optionally a
 * range of house numbers (odd, even or all). Streets are matched by a key
 * that forgives case, blanks and "Str.", both when the lines are checked
 * against each other (no house number may lie in two districts) and when a
 * street typed by a user is looked up.
 */
#include <libconfig.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/config.h"
#include "model/text.h"
#include "config_private.h"

const char *const config_parity_names[] = {"all", "odd", "even", NULL};

/* The key a street is matched by: folded, without blanks, '-' and '.', and
 * "str" at the end read as "strasse", so "Ulzburger Str." finds
 * "Ulzburger Straße". */
static void street_key(const char *name, char *out, size_t size)
{
	char folded[KEY_SIZE];
	size_t used = 0;

	text_fold(name, folded, sizeof folded);
	for (const char *p = folded; *p && used + 1 < size; p++)
		if (*p != ' ' && *p != '\t' && *p != '-' && *p != '.')
			out[used++] = *p;
	out[used] = '\0';
	if (used >= 3 && strcmp(out + used - 3, "str") == 0 && used + 4 < size)
		memcpy(out + used, "asse", 5);
}

static void street_key_of(const void *elem, char *buf, size_t size)
{
	street_key(((const struct cfg_street *)elem)->name, buf, size);
}

/* Numbers that failed their own check are marked -1, so that the overlap
 * check leaves the line alone rather than read it as the whole street. */
void config_street_check(struct load *ld, void *elem, const config_setting_t *setting)
{
	struct cfg_street *s = elem;
	int n = config_setting_length(setting);

	text_fold(s->name, s->folded, sizeof s->folded);
	if (n == 3) {
		config_error_at(ld, setting, "street '%s': give both 'from' and 'to', or neither",
		                s->name);
		s->from = s->to = -1;
	} else if (n >= 4 && (s->from == 0 || s->to == 0)) {
		s->from = s->to = -1;
	} else if (s->from > s->to) {
		config_error_at(ld, setting, "street '%s': 'from' %d is greater than 'to' %d",
		                s->name, (int)s->from, (int)s->to);
		s->from = s->to = -1;
	}
}

static bool parity_matches(int32_t number, enum street_parity parity)
{
	return parity == PARITY_ALL || (parity == PARITY_ODD) == (number % 2 != 0);
}

static bool streets_overlap(const struct cfg_street *a, const struct cfg_street *b)
{
	int32_t lo = a->from > b->from ? a->from : b->from, hi = a->to < b->to ? a->to : b->to;
	enum street_parity p = a->parity == PARITY_ALL ? b->parity : a->parity;

	if (a->from == 0 || b->from == 0)
		return true; /* a whole street covers every number */
	if (lo > hi ||
	    (a->parity != PARITY_ALL && b->parity != PARITY_ALL && a->parity != b->parity))
		return false;
	/* Two numbers in a row always hold one of each parity. */
	return lo < hi || parity_matches(lo, p);
}

static void street_describe(const struct cfg_street *s, char *buf, size_t size)
{
	if (s->from == 0)
		snprintf(buf, size, "(whole street)");
	else
		snprintf(buf, size, "%d-%d%s%s", (int)s->from, (int)s->to,
		         s->parity == PARITY_ALL ? "" : " ",
		         s->parity == PARITY_ALL ? "" : config_parity_names[s->parity]);
}

/* Lines I of a run of equal names [START, I) that overlap line I. */
static void street_check_run(struct load *ld, const struct key_entry *keys, size_t start, size_t i)
{
	const struct cfg_street *streets = ld->config->streets, *s = &streets[keys[i].index];
	const config_setting_t **where = ld->where[LIST_STREETS];
	char range[48], other[PATH_MAX + 32];

	if (s->from < 0 || s->district < 0)
		return;
	for (size_t j = start; j < i; j++) {
		const struct cfg_street *t = &streets[keys[j].index];

		if (t->from < 0 || t->district < 0 || !streets_overlap(s, t))
			continue;
		street_describe(s, range, sizeof range);
		config_where_text(ld, where[keys[i].index], where[keys[j].index], other,
		                  sizeof other);
		config_error_at(ld, where[keys[i].index], "street '%s' %s overlaps %s", s->name,
		                range, other);
		return;
	}
}

/* House-number ranges of one street must not overlap, else a number would
 * lie in two districts. */
void config_streets_check_overlaps(struct load *ld, const struct list_desc *l)
{
	size_t n, start = 0;
	struct key_entry *keys = config_keys_sorted(ld, l, street_key_of, &n);

	if (!keys)
		return;
	for (size_t i = 1; i < n; i++) {
		if (strcmp(keys[i].key, keys[start].key) != 0)
			start = i;
		else if (keys[i].key[0])
			street_check_run(ld, keys, start, i);
	}
	free(keys);
}

/* ---- lookup ---- */

int config_street_district(const struct config *config, const char *street, int32_t number)
{
	char want[KEY_SIZE], key[KEY_SIZE];
	int found = -1;

	if (!street || number < 0)
		return -1;
	street_key(street, want, sizeof want);
	if (!want[0])
		return -1;
	for (size_t i = 0; i < config->nstreets; i++) {
		const struct cfg_street *s = &config->streets[i];

		street_key(s->name, key, sizeof key);
		if (strcmp(key, want) != 0)
			continue;
		if (number == 0) {
			/* Without a number only a street wholly in one district answers. */
			if (found >= 0 && found != s->district)
				return -1;
			found = s->district;
		} else if (s->from == 0 || (number >= s->from && number <= s->to &&
		                            parity_matches(number, s->parity))) {
			return s->district;
		}
	}
	return found;
}

/* Splits "Ulzburger Straße 250a", "Ulzburger Str. 12 a" or "Am Markt
 * 3-5" into the street (ADDRESS is cut before the number) and the house
 * number (the first of a range; a letter after it belongs to the same
 * house); 0 when the address ends in no house number. */
static int32_t address_split(char *address)
{
	char *space, *p;
	long number;

	text_trim(address);
	space = strrchr(address, ' ');
	/* "12 a": the letter is the house's, the number comes before it. */
	if (space && space[1] && !space[2] &&
	    ((space[1] >= 'a' && space[1] <= 'z') || (space[1] >= 'A' && space[1] <= 'Z'))) {
		*space = '\0';
		space = strrchr(address, ' ');
	}
	if (!space || space[1] < '0' || space[1] > '9')
		return 0;
	number = strtol(space + 1, &p, 10);
	if (((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) && p[1] == '\0')
		p++;
	else if (*p == '-' && p[1] >= '0' && p[1] <= '9')
		p += strspn(p + 1, "0123456789") + 1;
	if (*p || number <= 0 || number > INT32_MAX)
		return 0;
	*space = '\0';
	text_trim(address);
	if (address[0] && address[strlen(address) - 1] == ',')
		address[strlen(address) - 1] = '\0';
	return (int32_t)number;
}

/* Up to three street names of the directory that begin as STREET does
 * (its first four letters, folded), ", "-separated into BUF. */
static void streets_like(const struct config *config, const char *street, char *buf, size_t size)
{
	char want[KEY_SIZE], key[KEY_SIZE];
	size_t used = 0, n = 0, len;

	buf[0] = '\0';
	street_key(street, want, sizeof want);
	len = strlen(want) < 4 ? strlen(want) : 4;
	for (size_t i = 0; len && i < config->nstreets && n < 3; i++) {
		const char *name = config->streets[i].name;
		int k;

		street_key(name, key, sizeof key);
		if (strncmp(key, want, len) != 0 || (used && strstr(buf, name)))
			continue;
		k = snprintf(buf + used, size - used, "%s%s", n ? ", " : "", name);
		if (k < 0 || (size_t)k >= size - used)
			break;
		used += (size_t)k;
		n++;
	}
}

static bool street_known(const struct config *config, const char *street)
{
	char want[KEY_SIZE], key[KEY_SIZE];

	street_key(street, want, sizeof want);
	for (size_t i = 0; want[0] && i < config->nstreets; i++) {
		street_key(config->streets[i].name, key, sizeof key);
		if (strcmp(key, want) == 0)
			return true;
	}
	return false;
}

int config_address_district(const struct config *config, const char *address, char *why,
                            size_t size)
{
	char street[CONFIG_NAME_SIZE * 2], like[CONFIG_NAME_SIZE * 3];
	int32_t number;
	int district;

	snprintf(street, sizeof street, "%s", address);
	number = address_split(street);
	if ((district = config_street_district(config, street, number)) >= 0)
		return district;
	if (street_known(config, street)) {
		snprintf(why, size, "%s",
		         number ? "Hausnummer nicht im Straßenverzeichnis"
		                : "bitte mit Hausnummer (die Straße liegt in "
		                  "mehreren Sozialräumen)");
		return -1;
	}
	streets_like(config, street, like, sizeof like);
	if (like[0])
		snprintf(why, size, "unbekannte Straße; meinten Sie: %s?", like);
	else
		snprintf(why, size, "unbekannte Straße (nicht im Straßenverzeichnis)");
	return -1;
}
