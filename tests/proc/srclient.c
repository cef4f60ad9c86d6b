/* A scripted client of sozialraumd for the process tests.
 *
 *   srclient SOCKET LOGIN create NAME    save a new offer, print its id
 *   srclient SOCKET LOGIN hold ID        take the edit lock, print "held", wait
 *   srclient SOCKET LOGIN lock ID        try the lock: "ok" or "locked by NAME"
 *   srclient SOCKET LOGIN saves N        N saves, printing "I ID NAME" per ack
 *                                        (the format crashwriter check reads)
 *   srclient SOCKET LOGIN resend NAME    a save sent twice with one request id
 *   srclient SOCKET LOGIN garbage        malformed messages, then a real request
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "model/date.h"
#include "model/offer.h"
#include "wire/client.h"
#include "../sample.h"

static struct wire_client *client;

static enum status save(struct offer *o)
{
	struct codec_buf enc;
	struct wire_msg reply;
	struct codec_reader r;
	struct codec_field f;
	enum status st;

	codec_buf_init(&enc);
	record_encode(&offer_def, o, &enc);
	codec_put_bytes(wire_client_request(client, WIRE_OFFER_SAVE), WF_RECORD, enc.data, enc.len);
	codec_buf_free(&enc);
	st = wire_client_call(client, &reply);
	if (st != STATUS_OK)
		return st;
	codec_open(&r, reply.data, reply.len);
	while (codec_next(&r, &f) == STATUS_OK)
		if (f.tag == WF_RECORD)
			return record_decode(&offer_def, f.data, f.len, o);
	return STATUS_ERR_PROTOCOL;
}

static int lock(uint64_t id, bool quiet)
{
	struct codec_buf *req = wire_client_request(client, WIRE_LOCK_TAKE);
	struct wire_msg reply;
	char holder[128] = "";
	enum status st;

	codec_put_str(req, WF_TABLE, "offers");
	codec_put_u64(req, WF_ID, id);
	st = wire_client_call(client, &reply);
	if (st == STATUS_ERR_LOCKED) {
		wire_get_str(&reply, WF_HOLDER, holder, sizeof(holder));
		printf("locked by %s\n", holder);
		return 1;
	}
	if (!quiet || st != STATUS_OK)
		printf("%s\n", st == STATUS_OK ? "ok" : status_text(st));
	return st == STATUS_OK ? 0 : 2;
}

static int saves(long n)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (long i = 0; i < n; i++) {
		char name[64];
		struct offer o;

		snprintf(name, sizeof(name), "save-%ld-%ld", (long)getpid(), i);
		o = sample_offer(name);
		if (save(&o) != STATUS_OK)
			return 1;
		printf("I %" PRIu64 " %s\n", o.head.id, o.name);
	}
	return 0;
}

static enum status record_id(void *ctx, const struct codec_field *field)
{
	struct offer o;

	if (record_decode(&offer_def, field->data, field->len, &o) != STATUS_OK)
		return STATUS_ERR_PROTOCOL;
	*(uint64_t *)ctx = o.head.id;
	return STATUS_OK;
}

/* The same save twice with one request id: the server applies it once. */
static int resend(const char *name)
{
	struct offer a = sample_offer(name);
	struct codec_buf enc;
	struct wire_msg reply;
	uint64_t first = 0, second = 0;

	codec_buf_init(&enc);
	record_encode(&offer_def, &a, &enc);
	codec_put_bytes(wire_client_request(client, WIRE_OFFER_SAVE), WF_RECORD, enc.data, enc.len);
	codec_buf_free(&enc);
	if (wire_client_call(client, &reply) != STATUS_OK ||
	    wire_each(&reply, WF_RECORD, record_id, &first) != STATUS_OK ||
	    wire_client_call(client, &reply) != STATUS_OK ||
	    wire_each(&reply, WF_RECORD, record_id, &second) != STATUS_OK)
		return 1;
	printf("%s %" PRIu64 " %" PRIu64 "\n", first == second ? "same" : "different", first,
	       second);
	return first == second && first ? 0 : 1;
}

static int send_raw(int fd, const void *data, size_t len)
{
	char buf[WIRE_MAX_MESSAGE];
	struct wire_msg msg;

	if (send(fd, data, len, MSG_NOSIGNAL) != (ssize_t)len)
		return 1;
	len = (size_t)recv(fd, buf, sizeof(buf), 0);
	return wire_parse(buf, len, &msg) == STATUS_OK && msg.kind == WIRE_ERROR ? 0 : 1;
}

static int garbage(const char *socket_path)
{
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	static char big[WIRE_MAX_MESSAGE + 100];
	uint8_t wrong_version[] = {'S', 'R', 1, 0, 99, 0};
	int fd = socket(AF_UNIX, SOCK_SEQPACKET, 0), bad = 0;

	snprintf(addr.sun_path, sizeof(addr.sun_path), "%s", socket_path);
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0)
		return 1;
	bad += send_raw(fd, "hello?", 6);
	bad += send_raw(fd, wrong_version, sizeof(wrong_version));
	memset(big, 'x', sizeof(big));
	if (send(fd, big, sizeof(big), MSG_NOSIGNAL) < 0)
		bad++;
	close(fd);
	printf("%d unexpected answers\n", bad);
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct wire_welcome welcome;
	char msg[512];

	if (argc < 4)
		return 2;
	if (strcmp(argv[3], "garbage") == 0)
		return garbage(argv[1]);
	if (wire_client_open(argv[1], argv[2], &client, &welcome, msg, sizeof(msg)) != STATUS_OK) {
		fprintf(stderr, "srclient: %s\n", msg);
		return 1;
	}
	if (strcmp(argv[3], "create") == 0 && argc == 5) {
		struct offer o = sample_offer(argv[4]);

		if (save(&o) != STATUS_OK)
			return 1;
		printf("%" PRIu64 "\n", o.head.id);
		return 0;
	}
	if (strcmp(argv[3], "hold") == 0 && argc == 5) {
		if (lock(strtoull(argv[4], NULL, 10), true) != 0)
			return 1;
		printf("held\n");
		fflush(stdout);
		pause();
	}
	if (strcmp(argv[3], "lock") == 0 && argc == 5)
		return lock(strtoull(argv[4], NULL, 10), false);
	if (strcmp(argv[3], "saves") == 0 && argc == 5)
		return saves(atol(argv[4]));
	if (strcmp(argv[3], "resend") == 0 && argc == 5)
		return resend(argv[4]);
	return 2;
}
