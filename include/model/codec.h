/* The encoding of stored records and of protocol messages.
 *
 * An encoded item is a header followed by fields:
 *
 *   header: 'S' 'R' kind:u16 version:u16
 *   field:  tag:u16 type:u8 length:u32 bytes[length]
 *
 * All integers are little-endian. Every field carries its own length, so a
 * reader can skip what it does not need and never reads past the end; the
 * version lets a newer format be refused instead of misread. A nested item
 * (a record inside a message) is a CODEC_BYTES field holding its encoding.
 */
#ifndef MODEL_CODEC_H
#define MODEL_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/status.h"

#define CODEC_HEADER_SIZE       6
#define CODEC_FIELD_HEADER_SIZE 7

enum codec_type {
	CODEC_U64 = 1, /* 8 bytes */
	CODEC_I64 = 2, /* 8 bytes, two's complement */
	CODEC_STR = 3, /* UTF-8 text without NUL */
	CODEC_BYTES = 4,
};

/* A growing output buffer. The buffer owns DATA; free with codec_buf_free.
 * An allocation failure sets FAILED and later puts do nothing, so callers
 * check once, at codec_finish. */
struct codec_buf {
	uint8_t *data;
	size_t len, cap;
	bool failed;
};

void codec_buf_init(struct codec_buf *buf);
void codec_buf_free(struct codec_buf *buf);

/* Starts a new item in BUF (dropping what it held). */
void codec_begin(struct codec_buf *buf, uint16_t kind, uint16_t version);
void codec_put_u64(struct codec_buf *buf, uint16_t tag, uint64_t value);
void codec_put_i64(struct codec_buf *buf, uint16_t tag, int64_t value);
void codec_put_str(struct codec_buf *buf, uint16_t tag, const char *value);
void codec_put_bytes(struct codec_buf *buf, uint16_t tag, const void *data, size_t len);
/* STATUS_OK, or STATUS_ERR_NOMEM when any put failed. */
enum status codec_finish(const struct codec_buf *buf);

/* Reading borrows the caller's bytes; nothing is copied or allocated. */
struct codec_reader {
	const uint8_t *pos, *end;
	uint16_t kind, version;
};

struct codec_field {
	uint16_t tag;
	uint8_t type;
	uint32_t len;
	const uint8_t *data;
};

/* Checks the header; STATUS_ERR_CORRUPT when it is not one of ours (the
 * reader then has no fields: codec_next says STATUS_ERR_NOT_FOUND). */
enum status codec_open(struct codec_reader *reader, const void *data, size_t len);
/* STATUS_OK with the next field, STATUS_ERR_NOT_FOUND after the last one,
 * STATUS_ERR_CORRUPT when a field runs past the end. */
enum status codec_next(struct codec_reader *reader, struct codec_field *field);

/* Typed access; STATUS_ERR_CORRUPT when the field is of another type or
 * size, STATUS_ERR_TOO_LONG when a string does not fit in SIZE (with NUL). */
enum status codec_get_u64(const struct codec_field *field, uint64_t *value);
enum status codec_get_i64(const struct codec_field *field, int64_t *value);
enum status codec_get_str(const struct codec_field *field, char *buf, size_t size);

#endif
