-- CreateTable
CREATE TABLE "PendingMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "residentId" INTEGER NOT NULL,
    "payload" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "PendingMessage_residentId_idx" ON "PendingMessage"("residentId");
