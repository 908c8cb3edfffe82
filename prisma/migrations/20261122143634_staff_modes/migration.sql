-- CreateTable
CREATE TABLE "StaffMode" (
    "staffId" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "appealId" INTEGER NOT NULL,
    "chatId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "consumedBy" INTEGER
);
