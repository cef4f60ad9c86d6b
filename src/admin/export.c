/* export KIND: the server writes the CSV on its worker thread in a
 * snapshot; this command fetches it piece by piece onto stdout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_private.h"

static int parse_export_args(int argc, char **argv, struct codec_buf *req)
{
	codec_put_str(req, WF_KIND, argv[0]);
	for (int i = 1; i < argc; i += 2) {
		char *end;
		unsigned long year;

		if (i + 1 >= argc)
			return ADMIN_USAGE;
		if (strcmp(argv[i], "--district") == 0) {
			codec_put_str(req, WF_DISTRICT, argv[i + 1]);
		} else if (strcmp(argv[i], "--year") == 0) {
			year = strtoul(argv[i + 1], &end, 10);
			if (*end || year < 2000 || year > 2099)
				return ADMIN_USAGE;
			codec_put_u64(req, WF_YEAR, year);
		} else {
			return ADMIN_USAGE;
		}
	}
	return ADMIN_OK;
}

/* Writes one piece; returns the offset of the next, 0 at the end. */
static int write_piece(const struct wire_msg *reply, uint64_t *more)
{
	struct codec_reader reader;
	struct codec_field f;

	*more = 0;
	wire_get_u64(reply, WF_OFFSET, more);
	codec_open(&reader, reply->data, reply->len);
	while (codec_next(&reader, &f) == STATUS_OK)
		if (f.tag == WF_DATA && fwrite(f.data, 1, f.len, stdout) != f.len) {
			admin_error("cannot write the export: standard output failed");
			return ADMIN_FINDING;
		}
	return ADMIN_OK;
}

int admin_export(struct admin *admin, int argc, char **argv)
{
	struct wire_client *client = admin_connect(admin);
	struct codec_buf *req;
	struct wire_msg reply;
	uint64_t more = 0;
	int ret;

	if (!client)
		return ADMIN_FINDING;
	req = wire_client_request(client, WIRE_EXPORT);
	if (parse_export_args(argc, argv, req) != ADMIN_OK) {
		admin_error("usage: sozialraum-admin export KIND [--year Y] [--district D]");
		wire_client_close(client);
		return ADMIN_USAGE;
	}
	ret = admin_call(client, &reply);
	while (ret == ADMIN_OK && (ret = write_piece(&reply, &more)) == ADMIN_OK && more) {
		codec_put_u64(wire_client_request(client, WIRE_EXPORT_NEXT), WF_OFFSET, more);
		ret = admin_call(client, &reply);
	}
	if (ret == ADMIN_OK && fflush(stdout) != 0) {
		admin_error("cannot write the export: standard output failed");
		ret = ADMIN_FINDING;
	}
	wire_client_close(client);
	return ret;
}
