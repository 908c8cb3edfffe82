-- CreateTable
CREATE TABLE "Resident" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "name" TEXT,
    "phone" TEXT,
    "consentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Appeal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "number" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "intakeNote" TEXT,
    "residentId" INTEGER,
    "replyChatId" TEXT,
    "sector" TEXT NOT NULL,
    "sectorConfidence" REAL NOT NULL,
    "sectorDecidedBy" TEXT NOT NULL,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "spam" BOOLEAN NOT NULL DEFAULT false,
    "address" TEXT,
    "settlement" TEXT,
    "latitude" REAL,
    "longitude" REAL,
    "assigneeId" TEXT,
    "duplicateOfId" INTEGER,
    "receivedAt" DATETIME NOT NULL,
    "registeredAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "targetAt" DATETIME,
    "extensionReason" TEXT,
    "extendedAt" DATETIME,
    "answeredAt" DATETIME,
    "closedAt" DATETIME,
    "rating" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Appeal_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AppealCounter" (
    "year" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "last" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "appealId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "caption" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Attachment_appealId_fkey" FOREIGN KEY ("appealId") REFERENCES "Appeal" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AppealEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "appealId" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT,
    "actor" TEXT NOT NULL,
    "data" TEXT,
    "at" DATETIME NOT NULL,
    CONSTRAINT "AppealEvent_appealId_fkey" FOREIGN KEY ("appealId") REFERENCES "Appeal" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StaffMember" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "telegramId" TEXT,
    "telegramUsername" TEXT,
    "vkId" TEXT,
    "sectors" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true
);

-- CreateTable
CREATE TABLE "TrainingExample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "text" TEXT NOT NULL,
    "sector" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "appealId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "InboxEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "receivedAt" DATETIME NOT NULL,
    "nextAttemptAt" DATETIME NOT NULL,
    "processedAt" DATETIME
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "dedupeKey" TEXT,
    "appealId" INTEGER,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL,
    "nextAttemptAt" DATETIME NOT NULL,
    "sentAt" DATETIME,
    "externalId" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "Resident_channel_externalId_key" ON "Resident"("channel", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Appeal_number_key" ON "Appeal"("number");

-- CreateIndex
CREATE INDEX "Appeal_status_dueAt_idx" ON "Appeal"("status", "dueAt");

-- CreateIndex
CREATE INDEX "Appeal_residentId_createdAt_idx" ON "Appeal"("residentId", "createdAt");

-- CreateIndex
CREATE INDEX "Appeal_sector_status_idx" ON "Appeal"("sector", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Appeal_year_seq_key" ON "Appeal"("year", "seq");

-- CreateIndex
CREATE INDEX "Attachment_appealId_idx" ON "Attachment"("appealId");

-- CreateIndex
CREATE INDEX "AppealEvent_appealId_at_idx" ON "AppealEvent"("appealId", "at");

-- CreateIndex
CREATE INDEX "AppealEvent_type_at_idx" ON "AppealEvent"("type", "at");

-- CreateIndex
CREATE UNIQUE INDEX "StaffMember_telegramId_key" ON "StaffMember"("telegramId");

-- CreateIndex
CREATE INDEX "InboxEvent_status_nextAttemptAt_idx" ON "InboxEvent"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "InboxEvent_channel_externalId_key" ON "InboxEvent"("channel", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_channel_chatId_status_idx" ON "OutboxMessage"("channel", "chatId", "status");
