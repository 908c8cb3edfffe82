-- CreateTable
CREATE TABLE "MonitorSourceState" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "cursor" TEXT,
    "etag" TEXT,
    "lastModified" TEXT,
    "lastSuccessAt" DATETIME,
    "lastErrorAt" DATETIME,
    "lastError" TEXT,
    "itemsSeen" INTEGER NOT NULL DEFAULT 0,
    "badCycles" INTEGER NOT NULL DEFAULT 0,
    "badSince" DATETIME,
    "alertedAt" DATETIME,
    "nextRunAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "MonitoredPost" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "network" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "authorId" TEXT,
    "text" TEXT NOT NULL,
    "postedAt" DATETIME NOT NULL,
    "seenAt" DATETIME NOT NULL,
    "verdict" TEXT NOT NULL,
    "reason" TEXT,
    "sector" TEXT,
    "places" TEXT,
    "ownWall" BOOLEAN NOT NULL DEFAULT false,
    "appealId" INTEGER
);

-- CreateIndex
CREATE INDEX "MonitoredPost_appealId_idx" ON "MonitoredPost"("appealId");

-- CreateIndex
CREATE INDEX "MonitoredPost_sector_postedAt_idx" ON "MonitoredPost"("sector", "postedAt");

-- CreateIndex
CREATE INDEX "MonitoredPost_verdict_seenAt_idx" ON "MonitoredPost"("verdict", "seenAt");

-- CreateIndex
CREATE UNIQUE INDEX "MonitoredPost_network_externalId_key" ON "MonitoredPost"("network", "externalId");
