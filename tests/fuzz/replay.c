/*
 * Replays a fuzz target's corpus without libFuzzer, so that `make test`
 * runs every saved input under ASan and UBSan with any compiler:
 *   replay DIR		one "ok" line per file of DIR
 * An empty or missing corpus fails: it would replay nothing.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int
regular(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

int
main(int argc, char *argv[])
{
	struct dirent	**names;
	char		 path[4096];
	int		 n;

	if (argc != 2) {
		fprintf(stderr, "usage: replay CORPUS-DIR\n");
		return 2;
	}
	if ((n = scandir(argv[1], &names, regular, by_name)) <= 0) {
		fprintf(stderr, "replay: no corpus in %s\n", argv[1]);
		return 1;
	}
	printf("1..%d\n", n);
	for (int i = 0; i < n; i++) {
		FILE	*f;
		uint8_t	*data = NULL;
		size_t	 len = 0, cap = 0, got;

		snprintf(path, sizeof(path), "%s/%s", argv[1], names[i]->d_name);
		if ((f = fopen(path, "rb")) == NULL) {
			printf("not ok - replay %s: cannot open\n", path);
			continue;
		}
		do {
			if (len == cap && (data = realloc(data,
			    cap = cap ? cap * 2 : 4096)) == NULL)
				abort();
			got = fread(data + len, 1, cap - len, f);
			len += got;
		} while (got > 0);
		fclose(f);
		LLVMFuzzerTestOneInput(data, len);
		printf("ok - replay %s\n", names[i]->d_name);
		free(data);
		free(names[i]);
	}
	free(names);
	return 0;
}
