/* sozialraum-admin: the admins' command line (see design.md). */
#include <locale.h>

#include "admin/admin.h"

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	return admin_main(argc, argv);
}
